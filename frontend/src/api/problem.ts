// RFC 9457 problem details from the server (internal/problem), turned into something the UI
// can show. `reason` is the server's stable machine code, which the UI translates.

export interface ProblemDetail {
  location?: string;
  reason?: string;
  message?: string;
}

export interface Problem {
  title?: string;
  status?: number;
  code?: string;
  reason?: string;
  detail?: string;
  errors?: ProblemDetail[] | null;
}

/** A failed API call. status 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get reason(): string | undefined {
    return this.problem.reason;
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** Whole minutes to wait, never less than one, so "0 minutes" is never shown. */
export function minutesToWait(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

export interface FieldError {
  /** antd Form name path, e.g. ['admin', 'username'] for body.admin.username. */
  name: (string | number)[];
  reason?: string;
  message: string;
}

/** The problem's errors that point into the request body, as form field paths. */
export function fieldErrors(problem: Problem): FieldError[] {
  const out: FieldError[] = [];
  for (const e of problem.errors ?? []) {
    const location = e.location ?? '';
    if (!location.startsWith('body.')) continue;
    // body.items[3].name → ['items', 3, 'name']
    const name = location
      .slice('body.'.length)
      .split(/\.|\[(\d+)\]/)
      .filter((part) => part !== undefined && part !== '')
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    if (name.length > 0) out.push({ name, reason: e.reason, message: e.message ?? '' });
  }
  return out;
}
