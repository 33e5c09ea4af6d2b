// The working-day calendar's API: types from the generated schema and the query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type WorkdayException = NonNullable<JsonOf<paths['/api/v1/workdays']['get']['responses'][200]>['items']>[number];
export type NewWorkdayException = JsonOf<NonNullable<paths['/api/v1/workdays']['post']['requestBody']>>;
export type WorkdayExceptionChange = JsonOf<NonNullable<paths['/api/v1/workdays/{date}']['put']['requestBody']>>;

export const workdayKeys = {
  all: ['workdays'] as const,
  year: (year: number) => ['workdays', year] as const,
};

/** Every day a year's calendar lists: holidays on weekdays, working weekend days (调休). */
export function useWorkdayYear(year: number) {
  return useQuery({
    queryKey: workdayKeys.year(year),
    queryFn: () => call(api.GET('/api/v1/workdays', { params: { query: { year } } })),
  });
}

/** Adds a day (no date given before) or changes a listed one. */
export function useSaveWorkday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { date?: string; body: NewWorkdayException }) =>
      call(
        input.date
          ? api.PUT('/api/v1/workdays/{date}', {
              params: { path: { date: input.date } },
              body: { kind: input.body.kind, nameZh: input.body.nameZh, nameEn: input.body.nameEn },
            })
          : api.POST('/api/v1/workdays', { body: input.body }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workdayKeys.all }),
  });
}

export function useRemoveWorkday() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => call(api.DELETE('/api/v1/workdays/{date}', { params: { path: { date } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workdayKeys.all }),
  });
}

export type WorkdayChange = NonNullable<
  JsonOf<paths['/api/v1/workdays/changes']['get']['responses'][200]>['items']
>[number];

/** The recorded changes of a year's calendar, newest first (platform admin). */
export function useWorkdayChanges(year: number, enabled: boolean) {
  return useQuery({
    queryKey: [...workdayKeys.year(year), 'changes'] as const,
    queryFn: () => call(api.GET('/api/v1/workdays/changes', { params: { query: { year } } })),
    enabled,
  });
}
