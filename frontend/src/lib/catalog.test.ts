import { describe, expect, it } from 'vitest';
import { committedDaysProblem, itemCodePattern, legalDaysProblem, levelCodePattern, typeCodePattern } from './catalog';

describe('time limits', () => {
  it.each([
    [20, 10, undefined],
    [21, 10, undefined],
    [20, 11, 'committed_over_half'],
    [1, 1, 'committed_over_half'],
    [20, 0, 'committed_days_range'],
    [20, null, 'committed_days_range'],
    [null, 5, undefined], // the legal limit speaks for itself
  ] as const)('legal %s, committed %s: %s', (legal, committed, want) => {
    expect(committedDaysProblem(legal, committed)).toBe(want);
  });

  it('bounds the legal limit to 1–365 working days', () => {
    expect(legalDaysProblem(0)).toBe('legal_days_range');
    expect(legalDaysProblem(366)).toBe('legal_days_range');
    expect(legalDaysProblem(1.5)).toBe('legal_days_range');
    expect(legalDaysProblem(365)).toBeUndefined();
  });
});

describe('codes', () => {
  it('match the server patterns', () => {
    expect(itemCodePattern.test('HJ-001')).toBe(true);
    expect(itemCodePattern.test('hj-001')).toBe(false);
    expect(itemCodePattern.test('HJ-01')).toBe(false);
    expect(typeCodePattern.test('eia_registration')).toBe(true);
    expect(typeCodePattern.test('EIA')).toBe(false);
    expect(levelCodePattern.test('a')).toBe(true);
    expect(levelCodePattern.test('')).toBe(false);
  });
});
