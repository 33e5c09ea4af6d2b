import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber, normaliseIdNumber } from './idNumber';

describe('resident ID numbers', () => {
  it('accepts numbers with the right check character', () => {
    // The example of GB 11643-1999.
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    const first17 = '53290119900101001';
    expect(isValidIdNumber(first17 + idNumberCheckChar(first17))).toBe(true);
  });

  it('refuses a wrong check character, a wrong length and letters', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(isValidIdNumber('11010519491231002x')).toBe(false); // upper case after normalising
    expect(isValidIdNumber('1101051949123A002X')).toBe(false);
  });

  it('normalises like the server', () => {
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});
