import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { zhCN } from '../../i18n/zh-CN';
import { evidenceText } from './evidence';

describe('evidenceText', () => {
  let tf: TFunction;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    tf = await i18n.init({
      resources: { 'zh-CN': { translation: zhCN } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
    });
  });

  it('shows fen as yuan and shares in per cent', () => {
    expect(
      evidenceText(tf, {
        kind: 'price_near_ceiling',
        evidence: { dealPriceFen: 4_800_000, ceilingFen: 5_000_000, percentOfCeiling: 96 },
      }),
    ).toBe('成交价 48,000.00 元，为最高限价 50,000.00 元的 96%');
    expect(
      evidenceText(tf, {
        kind: 'agency_concentration',
        evidence: { awards: 5, itemAwards: 7, sharePermille: 714, hhi: 5510 },
      }),
    ).toBe('近 12 个月该事项成交 7 次，其中中标 5 次（71.4%），HHI 5510');
  });

  it('lists the quotes behind a quote flag', () => {
    expect(
      evidenceText(tf, {
        kind: 'identical_quotes',
        evidence: { registrants: [{ quoteFen: 4_900_000 }, { quoteFen: 4_900_000 }] },
      }),
    ).toBe('2 家报价相同：49,000.00、49,000.00 元');
  });

  it('says how late a deliverable came', () => {
    expect(
      evidenceText(tf, {
        kind: 'late_deliverable',
        evidence: { milestoneName: '初稿', dueOn: '2026-11-27', submittedOn: '2026-11-30', daysLate: 3 },
      }),
    ).toBe('“初稿”应于 2026-11-27 提交，实际 2026-11-30 提交，逾期 3 天');
  });
});
