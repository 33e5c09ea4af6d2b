import { describe, expect, it } from 'vitest';
import { formatMoney, formatWan } from './money';

describe('formatWan', () => {
  it.each([
    [4_721_710_000, '4,721.71'],
    [2_178_450_000, '2,178.45'],
    [0, '0.00'],
    [4_999, '0.00'],
    [5_000, '0.01'],
    [1_000_000, '1.00'],
    [123_456_789_012, '123,456.79'],
    [-5_000, '-0.01'],
    [-4_999, '0.00'],
  ])('%d fen is %s 万元', (fen, text) => {
    expect(formatWan(fen)).toBe(text);
  });

  it('keeps yuan exact to the fen', () => {
    expect(formatMoney(472_171, 'yuan')).toBe('4,721.71');
    expect(formatMoney(472_171, 'wan')).toBe('0.47');
  });
});
