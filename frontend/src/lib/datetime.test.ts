import { expect, it } from 'vitest';
import { formatDateTime } from './datetime';

it('shows dates in Asia/Shanghai', () => {
  // 16:30 UTC is 00:30 the next day in Beijing.
  expect(formatDateTime('2026-01-31T16:30:00Z')).toBe('2026-02-01 00:30');
  expect(formatDateTime('2026-01-31T16:30:00Z', false)).toBe('2026-02-01');
  expect(formatDateTime('2026-06-30T23:59:59+08:00')).toBe('2026-06-30 23:59');
});

it('passes through what it cannot parse', () => {
  expect(formatDateTime('soon')).toBe('soon');
});
