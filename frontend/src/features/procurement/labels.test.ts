import { describe, expect, it } from 'vitest';
import { timeLeft } from './labels';

describe('timeLeft', () => {
  const deadline = '2026-12-10T09:00:00Z';
  const at = (iso: string) => new Date(iso).getTime();
  it('splits the time left into days, hours, minutes and seconds', () => {
    expect(timeLeft(deadline, at('2026-12-08T07:58:55Z'))).toEqual({ d: 2, h: 1, m: 1, s: 5 });
  });
  it('is null at and after the deadline', () => {
    expect(timeLeft(deadline, at(deadline))).toBeNull();
    expect(timeLeft(deadline, at('2026-12-11T00:00:00Z'))).toBeNull();
  });
});
