import 'i18next';
import type { Dictionary } from './zh-CN';

// Typed keys: t('nav.hme') fails the type check instead of showing "nav.hme" to a user.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Dictionary };
  }
}
