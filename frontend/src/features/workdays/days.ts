/** The weekday of a YYYY-MM-DD day, 0 = Sunday, whatever the browser's time zone. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
