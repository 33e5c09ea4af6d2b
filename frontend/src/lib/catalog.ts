// Rules of the service catalogue the admin's forms check before sending, mirroring the server
// (internal/catalog/catalog.go) and using its reasons, so the browser and the server say the
// same thing in the same words.

export const itemCodePattern = /^[A-Z]{2,4}-[0-9]{3}$/;
export const typeCodePattern = /^[a-z0-9_-]{2,40}$/;
export const levelCodePattern = /^[a-z0-9_-]{1,20}$/;
export const maxLegalDays = 365;

export type DaysProblem = 'legal_days_range' | 'committed_days_range' | 'committed_over_half';

/** The legal time limit (法定时限) is 1–365 working days. */
export function legalDaysProblem(legal: number | null | undefined): DaysProblem | undefined {
  if (legal == null || !Number.isInteger(legal) || legal < 1 || legal > maxLegalDays) return 'legal_days_range';
  return undefined;
}

/** The committed time limit (承诺时限) is at least 1 working day and at most half the legal one. */
export function committedDaysProblem(
  legal: number | null | undefined,
  committed: number | null | undefined,
): DaysProblem | undefined {
  if (committed == null || !Number.isInteger(committed) || committed < 1) return 'committed_days_range';
  if (legal != null && legal >= 1 && committed * 2 > legal) return 'committed_over_half';
  return undefined;
}
