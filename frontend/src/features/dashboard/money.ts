// The dashboard's money in the unit the regulator chooses: yuan or 万元 (ten thousand yuan).
// Fen stay integers; the text is built from integer arithmetic, never from a float.
import { formatFen } from '../../lib/money';

export type MoneyUnit = 'yuan' | 'wan';

/** Fen as 万元 with two decimals, rounded half away from zero: 4721710000 → "4,721.71". */
export function formatWan(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  // One hundredth of 万元 is 10,000 fen.
  const hundredths = Math.floor((abs + 5000) / 10000);
  const whole = Math.floor(hundredths / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (hundredths % 100).toString().padStart(2, '0');
  return `${negative && hundredths > 0 ? '-' : ''}${whole}.${cents}`;
}

/** Fen in the unit: "1,234.56" (yuan) or "0.12" (万元). */
export function formatMoney(fen: number, unit: MoneyUnit): string {
  return unit === 'wan' ? formatWan(fen) : formatFen(fen);
}
