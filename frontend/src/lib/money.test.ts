import { describe, expect, it } from 'vitest';
import { fenToYuanText, formatFen, yuanToFen } from './money';

describe('money', () => {
  it('formats fen as yuan', () => {
    expect(formatFen(0)).toBe('0.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(123456)).toBe('1,234.56');
    expect(formatFen(100_000_000_000)).toBe('1,000,000,000.00');
  });
  it('reads yuan without floating point', () => {
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(yuanToFen('1,234.5')).toBe(123450);
    expect(yuanToFen('100000')).toBe(10_000_000);
    expect(yuanToFen('1.234')).toBeUndefined();
    expect(yuanToFen('-1')).toBeUndefined();
    expect(yuanToFen('abc')).toBeUndefined();
  });
  it('round-trips through input text', () => {
    expect(fenToYuanText(123450)).toBe('1234.50');
    expect(yuanToFen(fenToYuanText(987654321)!)).toBe(987654321);
  });
});
