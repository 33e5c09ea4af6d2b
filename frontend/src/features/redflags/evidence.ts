// The evidence of a red flag as one line of text, by kind (amounts come in fen, shown in yuan).
import type { TFunction } from 'i18next';
import { formatFen } from '../../lib/money';
import type { RedFlag } from './api';

type Evidence = Record<string, unknown>;
const n = (e: Evidence, key: string) => (typeof e[key] === 'number' ? e[key] : 0);
const s = (e: Evidence, key: string) => (typeof e[key] === 'string' ? e[key] : '');
const list = (e: Evidence, key: string) => (Array.isArray(e[key]) ? (e[key] as Evidence[]) : []);
export const permilleText = (permille: number) => (permille / 10).toFixed(1);

/** One line saying why the flag was raised, from its evidence (amounts in fen, shown in yuan). */
export function evidenceText(t: TFunction, f: Pick<RedFlag, 'kind' | 'evidence'>): string {
  const e = (f.evidence ?? {}) as Evidence;
  const quotes = (key: string) =>
    list(e, key)
      .map((r) => formatFen(n(r, 'quoteFen')))
      .join('、');
  switch (f.kind) {
    case 'single_registrant':
      return t('redflags.evidence.single_registrant', { eligible: n(e, 'eligible'), registrants: n(e, 'registrants') });
    case 'agency_concentration':
      return t('redflags.evidence.agency_concentration', {
        awards: n(e, 'awards'),
        itemAwards: n(e, 'itemAwards'),
        share: permilleText(n(e, 'sharePermille')),
        hhi: n(e, 'hhi'),
      });
    case 'price_near_ceiling':
      return t('redflags.evidence.price_near_ceiling', {
        deal: formatFen(n(e, 'dealPriceFen')),
        ceiling: formatFen(n(e, 'ceilingFen')),
        percent: n(e, 'percentOfCeiling'),
      });
    case 'identical_quotes':
      return t('redflags.evidence.identical_quotes', {
        count: list(e, 'registrants').length,
        quotes: quotes('registrants'),
      });
    case 'abnormally_low_quote':
      return t('redflags.evidence.abnormally_low_quote', {
        count: list(e, 'registrants').length,
        percent: n(e, 'abnormalLowPercent'),
        quotes: quotes('registrants'),
      });
    case 'direct_splitting':
      return t('redflags.evidence.direct_splitting', {
        days: n(e, 'windowDays'),
        count: list(e, 'directSelections').length,
        total: formatFen(n(e, 'totalCeilingFen')),
        limit: formatFen(n(e, 'directLimitFen')),
      });
    case 'amendment_price_increase':
      return t('redflags.evidence.amendment_price_increase', {
        old: formatFen(n(e, 'oldPriceFen')),
        next: formatFen(n(e, 'newPriceFen')),
        increase: permilleText(n(e, 'increasePermille')),
      });
    case 'late_deliverable':
      return t('redflags.evidence.late_deliverable', {
        milestone: s(e, 'milestoneName'),
        due: s(e, 'dueOn'),
        submitted: s(e, 'submittedOn'),
        days: n(e, 'daysLate'),
      });
  }
  return '';
}
