// Unified social credit code (统一社会信用代码), GB 32100-2015.
//
// 18 characters from a 31-character alphabet (digits and capitals without I, O, Z, S, V);
// characters 3–8 are the administrative division code (6 digits). Position i (0-based,
// i < 17) carries weight 3^i mod 31; the 18th character is the check character
// C18 = (31 − Σ value(c_i)·w_i mod 31) mod 31. The server checks the same rules and names
// them with the same reasons (internal/identity/creditcode.go); we check in the browser so
// people see the mistake while typing.

export const creditCodeAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const weights = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

export type CreditCodeProblem =
  'credit_code_length' | 'credit_code_charset' | 'credit_code_division' | 'credit_code_check';

/** Returns why the code is invalid, or null when it is valid. Input is taken as typed (no trimming, no case folding). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'credit_code_length';
  const values: number[] = [];
  for (const ch of code) {
    const v = creditCodeAlphabet.indexOf(ch);
    if (v < 0) return 'credit_code_charset';
    values.push(v);
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'credit_code_division';
  if (values[17] !== creditCodeCheckValue(values.slice(0, 17))) return 'credit_code_check';
  return null;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null;
}

/** The check character for the first 17 characters of a code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('credit code prefix must have 17 characters');
  const values = [...first17].map((ch) => {
    const v = creditCodeAlphabet.indexOf(ch);
    if (v < 0) throw new Error(`invalid credit code character ${JSON.stringify(ch)}`);
    return v;
  });
  return creditCodeAlphabet[creditCodeCheckValue(values)];
}

function creditCodeCheckValue(values: number[]): number {
  const sum = values.reduce((acc, v, i) => acc + v * weights[i], 0);
  return (31 - (sum % 31)) % 31;
}
