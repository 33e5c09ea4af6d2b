// Money is integer fen everywhere; yuan are only text on the way in and out, never a float.

/** Formats fen as yuan with two decimals and thousands separators: 123456 → "1,234.56". */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  const grouped = yuan.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${cents}`;
}

/** Reads yuan typed as text ("1234.5", "1,234.56") into fen; undefined when it is not an amount. */
export function yuanToFen(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const s = String(text).replace(/,/g, '').trim();
  const m = /^(\d{1,13})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Fen as the yuan text an input shows: 123450 → "1234.50". */
export function fenToYuanText(fen: number | null | undefined): string | undefined {
  if (fen === null || fen === undefined) return undefined;
  return `${Math.floor(fen / 100)}.${(fen % 100).toString().padStart(2, '0')}`;
}
