// antd form rules shared by every form that asks for the same kind of value.
import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { creditCodeProblem } from './creditCode';

export const minPasswordLength = 10;

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
        if (problem === 'length') throw new Error(t('validation.creditCodeLength'));
        if (problem === 'characters') throw new Error(t('validation.creditCodeCharacters'));
        if (problem === 'check') throw new Error(t('validation.creditCodeCheck'));
      },
    },
  ];
}

/** Codes are printed in capitals; accept lower case and spaces as typed. */
export const normaliseCreditCode = (value: string | undefined) => (value ?? '').toUpperCase().replace(/\s+/g, '');

export function usernameRules(t: TFunction): FormRule[] {
  return [requiredRule(t), { pattern: /^[A-Za-z0-9._-]{3,64}$/, message: t('validation.usernameFormat') }];
}

export function newPasswordRules(t: TFunction): FormRule[] {
  return [requiredRule(t), { min: minPasswordLength, message: t('validation.passwordLength') }];
}

/** The confirmation field must equal the field named `field`. */
export function confirmPasswordRules(t: TFunction, field: string): FormRule[] {
  return [
    requiredRule(t),
    ({ getFieldValue }) => ({
      validator: async (_, value: string | undefined) => {
        if (value && value !== getFieldValue(field)) throw new Error(t('validation.passwordMismatch'));
      },
    }),
  ];
}

export function phoneRules(t: TFunction): FormRule[] {
  // Mobile (13812345678) or landline with area code (0872-2123456); extensions allowed.
  return [requiredRule(t), { pattern: /^\+?[0-9][0-9 ()-]{5,28}[0-9]$/, message: t('validation.phoneFormat') }];
}
