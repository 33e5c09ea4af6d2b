// The regulators' dashboard: its figures, the list behind each figure and the export links.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Figures = JsonOf<paths['/api/v1/supervision/dashboard']['get']['responses'][200]>;
export type Totals = Figures['totals'];
export type GroupFigures = Figures['groups'][number];
export type FiguresQuery = NonNullable<paths['/api/v1/supervision/dashboard']['get']['parameters']['query']>;
export type FactsQuery = NonNullable<paths['/api/v1/supervision/dashboard/facts']['get']['parameters']['query']>;
export type FactRow = JsonOf<paths['/api/v1/supervision/dashboard/facts']['get']['responses'][200]>['items'][number];

/** The figures one can drill into, as the API names them. */
export const listFigures = [
  'published',
  'selected',
  'deals',
  'awaiting_price',
  'registered',
  'completed',
  'on_time',
  'late',
  'complaints',
  'upheld',
] as const;
export type ListFigure = (typeof listFigures)[number];

export const breakdowns = ['region', 'owner', 'agency', 'item'] as const;
export type Breakdown = (typeof breakdowns)[number];

function clean<T extends object>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '' && v !== 0)) as T;
}

export const dashboardKeys = {
  figures: (q: FiguresQuery) => ['dashboard', 'figures', q] as const,
  facts: (q: FactsQuery) => ['dashboard', 'facts', q] as const,
};

export function useFigures(q: FiguresQuery) {
  return useQuery({
    queryKey: dashboardKeys.figures(q),
    queryFn: () => call(api.GET('/api/v1/supervision/dashboard', { params: { query: clean(q) } })),
    placeholderData: keepPreviousData,
  });
}

export function useFacts(q: FactsQuery, enabled: boolean) {
  return useQuery({
    queryKey: dashboardKeys.facts(q),
    queryFn: () => call(api.GET('/api/v1/supervision/dashboard/facts', { params: { query: clean(q) } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The download link of an export: the dashboard, or the list behind a figure. */
export function exportHref(kind: 'dashboard' | 'facts', ext: 'xlsx' | 'csv', q: FactsQuery): string {
  const path = kind === 'dashboard' ? '/api/v1/supervision/dashboard' : '/api/v1/supervision/dashboard/facts';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(clean(q))) {
    if (kind === 'dashboard' && (k === 'figure' || k === 'page' || k === 'pageSize')) continue;
    if (kind === 'facts' && (k === 'page' || k === 'pageSize')) continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `${path}/export.${ext}${qs ? `?${qs}` : ''}`;
}
