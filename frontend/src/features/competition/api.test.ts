import { describe, expect, it } from 'vitest';
import { points, toFen, yuan } from './api';

describe('money and scores', () => {
  it('shows fen as yuan without floating point', () => {
    expect(yuan(123456789)).toBe('1,234,567.89');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(undefined)).toBe('—');
  });
  it('reads yuan into integer fen', () => {
    expect(toFen('7319.47')).toBe(731947);
    expect(toFen('0.1')).toBe(10);
    expect(toFen('12')).toBe(1200);
    expect(toFen('1.234')).toBeUndefined();
    expect(toFen('abc')).toBeUndefined();
    expect(toFen('')).toBeUndefined();
  });
  it('shows hundredths of a point', () => {
    expect(points(6666)).toBe('66.66');
    expect(points(10000)).toBe('100.00');
    expect(points(5)).toBe('0.05');
  });
});
