import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode } from './creditCode';

describe('creditCodeProblem', () => {
  it.each([
    '91350100M000100Y43', // the example in GB 32100-2015
    '91110000600037341L',
    '91440300708461136T',
  ])('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each([
    ['', 'length'],
    ['91350100M000100Y4', 'length'],
    ['91350100M000100Y433', 'length'],
    ['91350100M000100I43', 'characters'], // I is not in the alphabet
    ['91350100m000100Y43', 'characters'], // lower case is not folded
    ['91350100M000100Y44', 'check'],
    ['91350100M000100Y34', 'check'], // swapped digits
  ] as const)('rejects %s (%s)', (code, want) => {
    expect(creditCodeProblem(code)).toBe(want);
  });
});

describe('creditCodeCheckChar', () => {
  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('round-trips with the validator', () => {
    const prefix = '12532900MB0123456'; // an institution (12) registered in Dali (532900)
    expect(isValidCreditCode(prefix + creditCodeCheckChar(prefix))).toBe(true);
  });

  it('rejects a wrong prefix', () => {
    expect(() => creditCodeCheckChar('123')).toThrow();
    expect(() => creditCodeCheckChar('91350100M000100O4')).toThrow();
  });
});
