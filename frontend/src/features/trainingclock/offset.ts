// How far the training clock runs ahead, in words: "3 天 2 小时" / "3 d 2 h".
import type { TFunction } from 'i18next';

/** The offset's parts, largest first, leaving out zeros; minutes only under a day. */
export function offsetParts(seconds: number): { unit: 'days' | 'hours' | 'minutes'; count: number }[] {
  const total = Math.max(0, Math.floor(seconds / 60)); // whole minutes
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  const parts: { unit: 'days' | 'hours' | 'minutes'; count: number }[] = [];
  if (days) parts.push({ unit: 'days', count: days });
  if (hours) parts.push({ unit: 'hours', count: hours });
  if (minutes && !days) parts.push({ unit: 'minutes', count: minutes });
  if (parts.length === 0) parts.push({ unit: 'minutes', count: 0 });
  return parts;
}

/** The offset as the banner says it, in the UI language. */
export function formatOffset(t: TFunction, seconds: number): string {
  return offsetParts(seconds)
    .map((p) => t(`trainingClock.units.${p.unit}`, { count: p.count }))
    .join(' ');
}

/** A picked date and time (YYYY-MM-DD HH:mm on the wall) read as China Standard Time. */
export function shanghaiInstant(value: { format(template: string): string }): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}
