import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ApiError } from '../api/problem';
import { zhCN } from '../i18n/zh-CN';
import { enUS } from '../i18n/en-US';
import { errorMessage, fieldErrorMessage, signInErrorMessage } from './errors';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'en-US',
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  interpolation: { escapeValue: false },
});
const t = i18n.t;

describe('errorMessage', () => {
  it('translates a known reason', () => {
    expect(errorMessage(t, new ApiError(403, { reason: 'account_disabled' }))).toBe(enUS.reasons.account_disabled);
  });

  it('says how many minutes a lockout lasts', () => {
    const error = new ApiError(429, { reason: 'locked_out' }, 14 * 60 + 5);
    expect(errorMessage(t, error)).toContain('15 min');
    expect(i18n.getFixedT('zh-CN')('reasons.locked_out', { minutes: 15 })).toContain('15 分钟');
  });

  it('falls back to the server text for an unknown reason', () => {
    expect(errorMessage(t, new ApiError(409, { reason: 'something_new', detail: 'it clashed' }))).toBe(
      'That did not work: it clashed',
    );
  });

  it('names the broken rule of a field no form shows (an upload)', () => {
    const error = new ApiError(422, {
      reason: 'invalid_input',
      errors: [{ location: 'body', reason: 'file_type', message: 'only PDF, JPEG and PNG files are accepted' }],
    });
    expect(errorMessage(t, error)).toBe(enUS.fieldReasons.file_type);
    expect(errorMessage(i18n.getFixedT('zh-CN'), error)).toBe(zhCN.fieldReasons.file_type);
  });

  it('translates the checks every operation makes on text and dates', () => {
    for (const reason of ['nul_character', 'invalid_utf8', 'date_out_of_range'] as const) {
      const error = new ApiError(422, {
        reason: 'invalid_input',
        errors: [{ location: 'query.q', reason, message: 'refused' }],
      });
      expect(errorMessage(t, error)).toBe(enUS.fieldReasons[reason]);
      expect(errorMessage(i18n.getFixedT('zh-CN'), error)).toBe(zhCN.fieldReasons[reason]);
    }
  });

  it('translates a refused upload over the size limit', () => {
    expect(errorMessage(t, new ApiError(413, { reason: 'file_too_large' }))).toBe(enUS.reasons.file_too_large);
  });

  it('translates the refusals of an upload: quota, caps, slow body, hidden characters in the name', () => {
    for (const [status, reason] of [
      [409, 'upload_quota_pending'],
      [429, 'uploads_per_user'],
      [503, 'uploads_busy'],
      [408, 'body_too_slow'],
    ] as const) {
      expect(errorMessage(t, new ApiError(status, { reason }))).toBe(enUS.reasons[reason]);
      expect(errorMessage(i18n.getFixedT('zh-CN'), new ApiError(status, { reason }))).toBe(zhCN.reasons[reason]);
    }
    const name = new ApiError(422, {
      reason: 'invalid_input',
      errors: [{ location: 'query.filename', reason: 'filename_characters', message: 'invisible characters' }],
    });
    expect(errorMessage(i18n.getFixedT('zh-CN'), name)).toBe(zhCN.fieldReasons.filename_characters);
  });

  it('reports an unreachable server', () => {
    expect(errorMessage(t, new ApiError(0, {}))).toBe(enUS.common.networkError);
  });
});

describe('signInErrorMessage', () => {
  it('reads a bare 401 as wrong credentials', () => {
    expect(signInErrorMessage(t, new ApiError(401, {}))).toBe(enUS.reasons.wrong_credentials);
  });

  it('reads a bare 429 without Retry-After as a lockout', () => {
    expect(signInErrorMessage(t, new ApiError(429, {}))).toBe(enUS.reasons.locked_out_later);
  });
});

describe('fieldErrorMessage', () => {
  it('translates a known field reason and keeps the server text otherwise', () => {
    expect(fieldErrorMessage(t, { reason: 'username_taken', message: 'this username is taken' })).toBe(
      enUS.fieldReasons.username_taken,
    );
    expect(fieldErrorMessage(t, { reason: 'invalid', message: 'expected length <= 40' })).toBe('expected length <= 40');
  });
});
