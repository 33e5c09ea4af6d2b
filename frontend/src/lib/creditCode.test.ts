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
    ['', 'credit_code_length'],
    ['91350100M000100Y4', 'credit_code_length'],
    ['91350100M000100Y433', 'credit_code_length'],
    ['91350100M000100I43', 'credit_code_charset'], // I is not in the alphabet
    ['91350100m000100Y43', 'credit_code_charset'], // lower case is not folded
    ['9135A100M000100Y43', 'credit_code_division'], // characters 3–8 are a division code
    ['91350100M000100Y44', 'credit_code_check'],
    ['91350100M000100Y34', 'credit_code_check'], // swapped digits
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
