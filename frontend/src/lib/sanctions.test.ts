import { describe, expect, it } from 'vitest';
import { weightiest } from './sanctions';

const s = (kind: 'suspension' | 'blacklist', inForce: boolean, endsAt?: string) => ({ kind, inForce, endsAt });

describe('weightiest', () => {
  it('is nothing when no sanction is in force', () => {
    expect(weightiest([s('blacklist', false), s('suspension', false, '2027-01-01T00:00:00+08:00')])).toBeUndefined();
  });
  it('puts a blacklisting before a suspension', () => {
    const black = s('blacklist', true, '2026-12-01T00:00:00+08:00');
    expect(weightiest([s('suspension', true, '2027-06-01T00:00:00+08:00'), black])).toBe(black);
  });
  it('takes the one that ends last, and one without end last of all', () => {
    const late = s('suspension', true, '2027-06-01T00:00:00+08:00');
    expect(weightiest([s('suspension', true, '2027-01-01T00:00:00+08:00'), late])).toBe(late);
    const forever = s('blacklist', true);
    expect(weightiest([s('blacklist', true, '2030-01-01T00:00:00+08:00'), forever])).toBe(forever);
  });
});
