// Turning API failures into translated messages and form field errors.
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { fieldErrors, isApiError } from '../api/problem';

// Server field errors we can say in the user's language, by the last part of the location.
// Anything else shows the server's own message (better than nothing, maybe in English).
const translatedFields = {
  username: 'fieldErrors.username',
  creditCode: 'fieldErrors.creditCode',
  currentPassword: 'fieldErrors.currentPassword',
  password: 'fieldErrors.password',
  newPassword: 'fieldErrors.password',
  regionCode: 'fieldErrors.regionCode',
} as const;

/** A one-line message for a failed call. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('common.serverError', { message: String(error) });
  if (error.status === 0) return t('common.networkError');
  if (error.status === 403) return t('common.forbidden');
  return t('common.serverError', { message: error.message });
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
  form.setFields(
    fields.map((f) => {
      const last = String(f.name[f.name.length - 1]);
      const key = Object.hasOwn(translatedFields, last)
        ? translatedFields[last as keyof typeof translatedFields]
        : undefined;
      return { name: f.name, errors: [key ? t(key) : f.message] };
    }),
  );
  return true;
}
