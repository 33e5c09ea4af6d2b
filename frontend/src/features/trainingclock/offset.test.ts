import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { zhCN } from '../../i18n/zh-CN';
import { enUS } from '../../i18n/en-US';
import dayjs from 'dayjs';
import { formatOffset, offsetParts, shanghaiInstant } from './offset';

describe('offsetParts', () => {
  it.each([
    [0, [{ unit: 'minutes', count: 0 }]],
    [59, [{ unit: 'minutes', count: 0 }]],
    [3600, [{ unit: 'hours', count: 1 }]],
    [
      5400,
      [
        { unit: 'hours', count: 1 },
        { unit: 'minutes', count: 30 },
      ],
    ],
    [
      3 * 86400 + 2 * 3600,
      [
        { unit: 'days', count: 3 },
        { unit: 'hours', count: 2 },
      ],
    ],
    [86400 + 61, [{ unit: 'days', count: 1 }]],
  ])('%i s', (seconds, want) => {
    expect(offsetParts(seconds)).toEqual(want);
  });
});

describe('formatOffset', () => {
  it('says 3 d 2 h in both languages', async () => {
    const t = await i18n.createInstance().init({
      lng: 'zh-CN',
      resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    });
    expect(formatOffset(t, 3 * 86400 + 7200)).toBe('3 天 2 小时');
    const en = await i18n.createInstance().init({
      lng: 'en-US',
      resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    });
    expect(formatOffset(en, 3 * 86400 + 7200)).toBe('3 d 2 h');
    expect(en('trainingClock.banner', { offset: formatOffset(en, 3 * 86400 + 7200) })).toBe(
      'Training clock: marketplace time is 3 d 2 h ahead of the real time',
    );
  });
});

it('reads a picked time as China Standard Time', () => {
  const instant = shanghaiInstant(dayjs('2026-10-01T09:30'));
  expect(instant).toBe('2026-10-01T09:30:00+08:00');
  expect(new Date(instant).toISOString()).toBe('2026-10-01T01:30:00.000Z');
});
