// The verifiable draw draw-v1, recomputed in the browser with WebCrypto. This is the same
// algorithm as internal/draw (Go); docs/draw.md is the specification and its worked example is
// checked by drawV1.test.ts, as are draws computed by the Go implementation
// (drawV1.fixture.json, written by internal/draw's tests).

export const DRAW_VERSION = 'draw-v1';
const SECRET_SIZE = 32;
const MAX_CANDIDATES = 10000;

/** The published draw, as GET /api/v1/notices/{code}/draw serves it (docs/draw.md). */
export interface PublicDraw {
  version: string;
  announcementCode: string;
  /** Present on a tie-break of a price method: the rank the candidates tied for. */
  tieRank?: number;
  commitment: string;
  /** Null until the draw. */
  secret: string | null;
  candidates: string[];
  order: string[];
  drawnAt: string | null;
}

/** Why the inputs are not valid draw-v1 inputs. */
export type InputProblem = 'version' | 'secret' | 'commitment' | 'code' | 'candidates' | 'duplicate' | 'unsorted';

export class DrawInputError extends Error {
  constructor(
    readonly problem: InputProblem,
    detail: string,
  ) {
    super(`draw-v1: ${detail}`);
    this.name = 'DrawInputError';
  }
}

/** The outcome of recomputing a published draw. */
export type DrawCheck =
  | { status: 'verified'; order: string[] }
  | { status: 'notDrawn' }
  | { status: 'commitmentMismatch'; computed: string }
  | { status: 'orderMismatch'; expected: string[]; position: number }
  | { status: 'invalid'; problem: InputProblem; detail: string };

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available: open the page over HTTPS');
  return s;
}

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`not hex: ${hex}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of the secret in lower-case hex: the commitment published before the draw. */
export async function commit(secret: Uint8Array<ArrayBuffer>): Promise<string> {
  return bytesToHex(new Uint8Array(await subtle().digest('SHA-256', secret)));
}

/** The draw code of a tie-break at rank: "<announcement code>|tie|<rank>". */
export function tieCode(code: string, rank: number): string {
  return `${code}|tie|${rank}`;
}

/** Compares by byte order; for the printable ASCII candidates allowed, the same as UTF-16 order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The candidates sorted by byte order; invalid or repeated candidates are refused. */
export function sortCandidates(candidates: readonly string[]): string[] {
  if (candidates.length === 0 || candidates.length > MAX_CANDIDATES)
    throw new DrawInputError('candidates', `${candidates.length} candidates, want 1 to ${MAX_CANDIDATES}`);
  const sorted = [...candidates].sort(byteOrder);
  sorted.forEach((c, i) => {
    if (!/^[\x21-\x7e]{1,64}$/.test(c))
      throw new DrawInputError('candidates', `candidate "${c}" must be 1 to 64 printable ASCII characters`);
    if (i > 0 && sorted[i - 1] === c) throw new DrawInputError('duplicate', `candidate "${c}" appears twice`);
  });
  return sorted;
}

function checkCode(code: string): void {
  const bytes = new TextEncoder().encode(code).length;
  if (bytes === 0 || bytes > 200 || /\p{Cc}/u.test(code))
    throw new DrawInputError('code', `code "${code}" must be 1 to 200 bytes without control characters`);
}

/** A number in [0, m) from the stream's words, rejecting words at or above 2^32 − (2^32 mod m). */
export async function uniformFrom(next: () => Promise<number>, m: number): Promise<number> {
  const limit = 2 ** 32 - (2 ** 32 % m);
  for (;;) {
    const x = await next();
    if (x < limit) return x % m;
  }
}

/**
 * The stream's words: blocks HMAC-SHA256(key = secret, "draw-v1|" + code + "|" + counter), each
 * read as eight big-endian unsigned 32-bit words.
 */
async function wordStream(secret: Uint8Array<ArrayBuffer>, code: string): Promise<() => Promise<number>> {
  const key = await subtle().importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const encoder = new TextEncoder();
  let counter = 0;
  let block: DataView | null = null;
  let pos = 0;
  return async () => {
    if (block === null || pos === block.byteLength) {
      const message = encoder.encode(`${DRAW_VERSION}|${code}|${counter}`);
      block = new DataView(await subtle().sign('HMAC', key, message));
      counter++;
      pos = 0;
    }
    const word = block.getUint32(pos, false);
    pos += 4;
    return word;
  };
}

/** The full order of the candidates for the draw of code with secret; the first is selected. */
export async function drawOrder(
  secret: Uint8Array<ArrayBuffer>,
  code: string,
  candidates: readonly string[],
): Promise<string[]> {
  if (secret.length !== SECRET_SIZE)
    throw new DrawInputError('secret', `the secret must be ${SECRET_SIZE} bytes, not ${secret.length}`);
  checkCode(code);
  const a = sortCandidates(candidates);
  const next = await wordStream(secret, code);
  const n = a.length;
  for (let i = 0; i < n - 1; i++) {
    const j = i + (await uniformFrom(next, n - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** The code a published draw was made with: the announcement's, or its tie-break code. */
export function drawCode(draw: PublicDraw): string {
  return draw.tieRank ? tieCode(draw.announcementCode, draw.tieRank) : draw.announcementCode;
}

/** Recomputes a published draw: the secret against the commitment, then the order. */
export async function verifyDraw(draw: PublicDraw): Promise<DrawCheck> {
  try {
    if (draw.version !== DRAW_VERSION)
      throw new DrawInputError('version', `version "${draw.version}", this page knows ${DRAW_VERSION}`);
    if (draw.secret === null) return { status: 'notDrawn' };
    if (!/^[0-9a-fA-F]{64}$/.test(draw.commitment))
      throw new DrawInputError('commitment', 'the commitment is not 64 hex digits');
    if (!/^[0-9a-fA-F]{64}$/.test(draw.secret)) throw new DrawInputError('secret', 'the secret is not 64 hex digits');
    const secret = hexToBytes(draw.secret);
    const computed = await commit(secret);
    if (computed !== draw.commitment.toLowerCase()) return { status: 'commitmentMismatch', computed };
    const sorted = sortCandidates(draw.candidates);
    if (sorted.some((c, i) => c !== draw.candidates[i]))
      throw new DrawInputError('unsorted', 'the candidates are not published in byte order');
    const expected = await drawOrder(secret, drawCode(draw), sorted);
    const length = Math.max(expected.length, draw.order.length);
    for (let i = 0; i < length; i++)
      if (expected[i] !== draw.order[i]) return { status: 'orderMismatch', expected, position: i };
    return { status: 'verified', order: expected };
  } catch (e) {
    if (e instanceof DrawInputError) return { status: 'invalid', problem: e.problem, detail: e.message };
    throw e;
  }
}
