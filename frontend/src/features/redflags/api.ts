// The regulators' red flags (风险提示): the list, a review with a note, the concentration of each
// service item's awards, and the exports' addresses.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type RedFlagPage = JsonOf<paths['/api/v1/supervision/red-flags']['get']['responses'][200]>;
export type RedFlag = RedFlagPage['items'][number];
export type RedFlagKind = RedFlag['kind'];
export type RedFlagQuery = NonNullable<paths['/api/v1/supervision/red-flags']['get']['parameters']['query']>;
export type ItemConcentration = JsonOf<
  paths['/api/v1/supervision/red-flags/concentration']['get']['responses'][200]
>['items'][number];

export const redFlagKinds: RedFlagKind[] = [
  'single_registrant',
  'agency_concentration',
  'price_near_ceiling',
  'identical_quotes',
  'abnormally_low_quote',
  'direct_splitting',
  'amendment_price_increase',
  'late_deliverable',
];

export const redFlagKeys = {
  all: ['redFlags'] as const,
  list: (q: RedFlagQuery) => ['redFlags', 'list', q] as const,
  concentration: ['redFlags', 'concentration'] as const,
};

export function useRedFlags(q: RedFlagQuery) {
  return useQuery({
    queryKey: redFlagKeys.list(q),
    queryFn: () => call(api.GET('/api/v1/supervision/red-flags', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useConcentration() {
  return useQuery({
    queryKey: redFlagKeys.concentration,
    queryFn: async () => (await call(api.GET('/api/v1/supervision/red-flags/concentration'))).items,
  });
}

export function useReviewRedFlag(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note: string) =>
      call(api.POST('/api/v1/supervision/red-flags/{id}/review', { params: { path: { id } }, body: { note } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: redFlagKeys.all }),
  });
}

/** The address of the list's export in a format, with the list's filters. */
export function exportUrl(format: 'xlsx' | 'csv', q: Pick<RedFlagQuery, 'kind' | 'status'>): string {
  const params = new URLSearchParams();
  if (q.kind) params.set('kind', q.kind);
  if (q.status) params.set('status', q.status);
  const query = params.toString();
  return `/api/v1/supervision/red-flags/export.${format}${query ? `?${query}` : ''}`;
}

export type RedFlagSettings = JsonOf<paths['/api/v1/supervision/red-flag-settings']['get']['responses'][200]>;
export type RedFlagSettingsInput = NonNullable<
  paths['/api/v1/supervision/red-flag-settings']['put']['requestBody']
>['content']['application/json'];

/** The thresholds of the rules; a regulator reads them, the platform admin changes them. */
export function useRedFlagSettings() {
  return useQuery({
    queryKey: [...redFlagKeys.all, 'settings'],
    queryFn: () => call(api.GET('/api/v1/supervision/red-flag-settings')),
  });
}

export function useUpdateRedFlagSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RedFlagSettingsInput) => call(api.PUT('/api/v1/supervision/red-flag-settings', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: redFlagKeys.all }),
  });
}
