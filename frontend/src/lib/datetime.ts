// Every date on the platform is shown in China Standard Time, whatever the viewer's machine
// says: deadlines and publicity periods are legal facts in Asia/Shanghai.
export const platformTimeZone = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      timeZone: platformTimeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** Formats an RFC 3339 timestamp; returns the input unchanged if it does not parse. */
export function formatDateTime(value: string, language: string, withTime = true): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return formatter(language, withTime).format(date);
}
