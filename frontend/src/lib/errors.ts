// Turning API failures into translated messages and form field errors. The server names
// each failure with a stable `reason`; we translate the ones we know and otherwise fall back
// to its English text rather than say nothing.
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { fieldErrors, isApiError, minutesToWait, type FieldError } from '../api/problem';
import { zhCN } from '../i18n/zh-CN';

type Reason = keyof typeof zhCN.reasons;
type FieldReason = keyof typeof zhCN.fieldReasons;

const isReason = (r: string | undefined): r is Reason => !!r && Object.hasOwn(zhCN.reasons, r);
const isFieldReason = (r: string | undefined): r is FieldReason => !!r && Object.hasOwn(zhCN.fieldReasons, r);

// Older or plainer responses without a reason still read well.
const reasonByStatus: Record<number, Reason> = { 401: 'wrong_credentials', 429: 'locked_out' };

/** A one-line message for a failed call. */
export function errorMessage(t: TFunction, error: unknown, statusReasons: Record<number, Reason> = {}): string {
  if (!isApiError(error)) return t('common.serverError', { message: String(error) });
  if (error.status === 0) return t('common.networkError');
  const reason = isReason(error.reason) ? error.reason : statusReasons[error.status];
  if (reason === 'locked_out' || reason === 'rate_limited') {
    const seconds = error.retryAfterSeconds;
    if (seconds === undefined) return t('reasons.locked_out_later');
    return t(`reasons.${reason}`, { minutes: minutesToWait(seconds) });
  }
  // A refused field the form cannot show (an upload, a submission): say which rule it broke.
  if (error.reason === 'invalid_input' || !reason) {
    const known = [...new Set((error.problem.errors ?? []).map((e) => e.reason).filter(isFieldReason))];
    if (known.length > 0) return known.map((r) => t(`fieldReasons.${r}`)).join(t('common.sentenceSeparator'));
  }
  if (reason) return t(`reasons.${reason}`);
  if (error.status === 403) return t('common.forbidden');
  return t('common.serverError', { message: error.message });
}

/** errorMessage for the sign-in form, where a bare 401 or 429 has a known meaning. */
export function signInErrorMessage(t: TFunction, error: unknown): string {
  return errorMessage(t, error, reasonByStatus);
}

/** The message shown under a field the server refused. */
export function fieldErrorMessage(t: TFunction, field: Pick<FieldError, 'reason' | 'message'>): string {
  return isFieldReason(field.reason) ? t(`fieldReasons.${field.reason}`) : field.message;
}

/**
 * Shows a 422's field errors under the form fields they concern. Returns false when the error
 * carries none for this form, so the caller shows errorMessage instead.
 */
export function showFieldErrors(form: FormInstance, t: TFunction, error: unknown): boolean {
  if (!isApiError(error) || error.status !== 422) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const fields = fieldErrors(error.problem).filter((f) => known.has(String(f.name[0])));
  if (fields.length === 0) return false;
  form.setFields(fields.map((f) => ({ name: f.name, errors: [fieldErrorMessage(t, f)] })));
  return true;
}
