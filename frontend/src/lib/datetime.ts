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
