// The early warnings' API types and React Query hooks: the queue, its counts and exports, and
// the rules the platform admin keeps.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<P> = P extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never;

export type WarningPage = JsonOf<paths['/api/v1/warnings']['get']['responses'][200]>;
export type WarningRow = WarningPage['items'][number];
export type WarningQuery = NonNullable<paths['/api/v1/warnings']['get']['parameters']['query']>;
export type WarningRule = NonNullable<JsonOf<paths['/api/v1/warning-rules']['get']['responses'][200]>>[number];
export type WarningRuleInput = Body<paths['/api/v1/warning-rules/{rule}']['put']>;
export type RuleName = WarningRow['rule'];
export type Level = WarningRow['level'];

export const ruleNames: RuleName[] = [
  'direct_choice',
  'contract_registration',
  'milestone_overdue',
  'acceptance_delayed',
  'qualification_expiring',
];
export const levels: Level[] = ['yellow', 'red'];

export const warningKeys = {
  list: (q: WarningQuery) => ['warnings', 'list', q] as const,
  counts: ['warnings', 'counts'] as const,
  rules: ['warnings', 'rules'] as const,
};

/** The query without its empty parts, as the URL of the list and of the exports carry it. */
export function clean(query: WarningQuery): WarningQuery {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== '' && v !== 0),
  ) as WarningQuery;
}

export function useWarnings(q: WarningQuery) {
  return useQuery({
    queryKey: warningKeys.list(q),
    queryFn: () => call(api.GET('/api/v1/warnings', { params: { query: clean(q) } })),
    placeholderData: keepPreviousData,
  });
}

export function useWarningCounts() {
  return useQuery({
    queryKey: warningKeys.counts,
    queryFn: () => call(api.GET('/api/v1/warnings/counts')),
  });
}

/** Where the browser downloads the list as Excel or CSV, under the same filter. */
export function exportUrl(format: 'xlsx' | 'csv', q: WarningQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(clean({ ...q, page: undefined, pageSize: undefined }))) params.set(k, String(v));
  const s = params.toString();
  return `/api/v1/warnings/export.${format}${s ? `?${s}` : ''}`;
}

export function useWarningRules() {
  return useQuery({
    queryKey: warningKeys.rules,
    queryFn: () => call(api.GET('/api/v1/warning-rules')),
  });
}

export function useUpdateWarningRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rule, body }: { rule: RuleName; body: WarningRuleInput }) =>
      call(api.PUT('/api/v1/warning-rules/{rule}', { params: { path: { rule } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['warnings'] }),
  });
}
