// The training clock's API: read and move the marketplace clock (platform admin, and only
// where the server runs with INTERMART_ADJUSTABLE_CLOCK).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call, queryKeys, useSiteInfo } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type ClockStatus = JsonOf<paths['/api/v1/training-clock']['get']['responses'][200]>;
export type ClockMove = JsonOf<NonNullable<paths['/api/v1/training-clock/advance']['post']['requestBody']>>;

const clockKey = ['trainingClock'] as const;

export function useTrainingClock(enabled: boolean) {
  return useQuery({
    queryKey: clockKey,
    queryFn: () => call(api.GET('/api/v1/training-clock')),
    enabled,
  });
}

export function useAdvanceClock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClockMove) => call(api.POST('/api/v1/training-clock/advance', { body })),
    onSuccess: (status) => {
      queryClient.setQueryData(clockKey, status);
      // The banner on every page, and everything judged by the marketplace clock.
      return queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== clockKey[0] });
    },
  });
}

export { queryKeys };

/** Whether this server runs the training clock, as the site information says. */
export function useTrainingClockOn(): boolean {
  return useSiteInfo().data?.trainingClock.enabled ?? false;
}
