// antd form rules shared by every form that asks for the same kind of value. They mirror the
// server's checks (internal/identity) and use the same reason keys for their messages, so a
// value the browser accepts is not refused later for a reason the user could have seen.
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { creditCodeProblem } from './creditCode';

export const minPasswordLength = 10;

export const limits = {
  username: 40,
  displayName: 50,
  contactName: 50,
  contactPhone: 20,
  organisationName: 100,
  password: 128,
} as const;

export function requiredRule(t: TFunction): FormRule {
  return { required: true, whitespace: true, message: t('common.required') };
}

export function creditCodeRules(t: TFunction): FormRule[] {
  return [
    requiredRule(t),
    {
      validator: async (_, value: string | undefined) => {
        if (!value) return; // "required" speaks for an empty field
        const problem = creditCodeProblem(value);
        if (problem) throw new Error(t(`fieldReasons.${problem}`));
      },
    },
  ];
}

/** Codes are printed in capitals; accept lower case and spaces as typed. */
export const normaliseCreditCode = (value: string | undefined) => (value ?? '').toUpperCase().replace(/\s+/g, '');

/** Usernames are case-insensitive; the server stores them in lower case, so show that. */
export const normaliseUsername = (value: string | undefined) => (value ?? '').toLowerCase().trim();

export function usernameRules(t: TFunction): FormRule[] {
  return [requiredRule(t), { pattern: /^[a-z0-9][a-z0-9._-]{2,39}$/, message: t('fieldReasons.username_format') }];
}

export function organisationNameRules(t: TFunction): FormRule[] {
  return [requiredRule(t), { min: 2, max: limits.organisationName, message: t('fieldReasons.length') }];
}

export function newPasswordRules(t: TFunction): FormRule[] {
  return [requiredRule(t), { min: minPasswordLength, message: t('fieldReasons.password_too_short') }];
}

/** The confirmation field must equal the field named `field`. */
export function confirmPasswordRules(t: TFunction, field: string): FormRule[] {
  return [
    requiredRule(t),
    ({ getFieldValue }) => ({
      validator: async (_, value: string | undefined) => {
        if (value && value !== getFieldValue(field)) throw new Error(t('fieldReasons.password_mismatch'));
      },
    }),
  ];
}

const phonePattern = /^[0-9+\- ]{7,20}$/;

export function phoneRules(t: TFunction, required = true): FormRule[] {
  const format: FormRule = { pattern: phonePattern, message: t('fieldReasons.phone_format') };
  return required ? [requiredRule(t), format] : [format];
}
