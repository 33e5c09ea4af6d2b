// Every date on the platform is shown in China Standard Time, whatever the viewer's machine
// says: deadlines and publicity periods are legal facts in Asia/Shanghai. The format is the
// same in both languages (2026-03-01 08:30): unambiguous, and what Chinese forms use.
export const platformTimeZone = 'Asia/Shanghai';

const withTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: platformTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Formats an RFC 3339 timestamp as "YYYY-MM-DD HH:mm" (or "YYYY-MM-DD") in Asia/Shanghai. */
export function formatDateTime(value: string, showTime = true): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value; // show what we got rather than "Invalid Date"
  const part = Object.fromEntries(withTime.formatToParts(date).map((p) => [p.type, p.value]));
  const day = `${part.year}-${part.month}-${part.day}`;
  return showTime ? `${day} ${part.hour}:${part.minute}` : day;
}

/**
 * The instant a calendar day (YYYY-MM-DD) ends in China Standard Time: the start of the next
 * day, +08:00. "Suspended until 30 June" means through the whole of that day, wherever the
 * regulator's computer is. China has no daylight saving time, so the offset is fixed.
 */
export function endOfDayInShanghai(day: string | { format(template: string): string }): string {
  const ymd = typeof day === 'string' ? day : day.format('YYYY-MM-DD');
  const [y, m, d] = ymd.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return `${next.toISOString().slice(0, 10)}T00:00:00+08:00`;
}
