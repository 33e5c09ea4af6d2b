import { expect, it } from 'vitest';
import { weekdayOf } from './days';

it.each([
  ['2026-02-14', 6], // Saturday, a 调休 working day
  ['2026-02-16', 1], // Monday in the Spring Festival
  ['2026-10-10', 6],
  ['2027-01-01', 5],
])('weekdayOf(%s) = %i', (date, want) => {
  expect(weekdayOf(date)).toBe(want);
});
