import { describe, expect, it } from 'vitest';
import { fieldErrors, minutesToWait, parseRetryAfter } from './problem';

describe('fieldErrors', () => {
  it('maps body locations to form name paths', () => {
    const got = fieldErrors({
      status: 422,
      errors: [
        { location: 'body.creditCode', reason: 'credit_code_check', message: 'invalid check character' },
        { location: 'body.admin.username', message: 'already taken' },
        { location: 'body.items[3].name', message: 'x' },
        { location: 'query.q', message: 'ignored' },
        { message: 'no location' },
      ],
    });
    expect(got).toEqual([
      { name: ['creditCode'], reason: 'credit_code_check', message: 'invalid check character' },
      { name: ['admin', 'username'], reason: undefined, message: 'already taken' },
      { name: ['items', 3, 'name'], reason: undefined, message: 'x' },
    ]);
  });

  it('accepts a problem without errors', () => {
    expect(fieldErrors({ status: 422, errors: null })).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds', () => expect(parseRetryAfter('900')).toBe(900));
  it('reads an HTTP date', () => {
    const now = new Date('2026-03-01T08:00:00Z');
    expect(parseRetryAfter('Sun, 01 Mar 2026 08:05:00 GMT', now)).toBe(300);
  });
  it('ignores garbage and absence', () => {
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

it('rounds minutes up and never shows zero', () => {
  expect(minutesToWait(0)).toBe(1);
  expect(minutesToWait(60)).toBe(1);
  expect(minutesToWait(61)).toBe(2);
  expect(minutesToWait(900)).toBe(15);
});
