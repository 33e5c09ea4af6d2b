// Resident identity card number (居民身份证号码), GB 11643-1999: 17 digits and a check
// character, 0–9 or X. The server checks the same (internal/agency/practitioners.go) with the
// reason id_number_invalid; checking here shows the mistake before the form is sent.

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** Upper-cases and trims, as the server stores it. */
export const normaliseIdNumber = (value: string | undefined) => (value ?? '').trim().toUpperCase();

export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  return id[17] === idNumberCheckChar(id.slice(0, 17));
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i], 0);
  return checkChars[sum % 11];
}
