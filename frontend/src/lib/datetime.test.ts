import { expect, it } from 'vitest';
import { formatDateTime } from './datetime';

it('shows dates in Asia/Shanghai', () => {
  // 16:30 UTC is 00:30 the next day in Beijing.
  expect(formatDateTime('2026-01-31T16:30:00Z', 'en-US')).toBe('02/01/2026, 00:30');
  expect(formatDateTime('2026-01-31T16:30:00Z', 'zh-CN')).toBe('2026/02/01 00:30');
  expect(formatDateTime('2026-01-31T16:30:00Z', 'zh-CN', false)).toBe('2026/02/01');
});

it('passes through what it cannot parse', () => {
  expect(formatDateTime('soon', 'zh-CN')).toBe('soon');
});
