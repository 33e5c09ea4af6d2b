import { describe, expect, it } from 'vitest';
import { endOfDayInShanghai, formatDateTime } from './datetime';

it('shows dates in Asia/Shanghai', () => {
  // 16:30 UTC is 00:30 the next day in Beijing.
  expect(formatDateTime('2026-01-31T16:30:00Z')).toBe('2026-02-01 00:30');
  expect(formatDateTime('2026-01-31T16:30:00Z', false)).toBe('2026-02-01');
  expect(formatDateTime('2026-06-30T23:59:59+08:00')).toBe('2026-06-30 23:59');
});

it('passes through what it cannot parse', () => {
  expect(formatDateTime('soon')).toBe('soon');
});

describe('endOfDayInShanghai', () => {
  it('is the start of the next day in China Standard Time', () => {
    expect(endOfDayInShanghai('2026-06-30')).toBe('2026-07-01T00:00:00+08:00');
    expect(endOfDayInShanghai('2026-12-31')).toBe('2027-01-01T00:00:00+08:00');
    expect(endOfDayInShanghai('2028-02-28')).toBe('2028-02-29T00:00:00+08:00');
    expect(new Date(endOfDayInShanghai('2026-06-30')).toISOString()).toBe('2026-06-30T16:00:00.000Z');
  });
});
