// Ratings after completion and the agencies' credit scores: both sides' ratings of a contract,
// an agency's public credit score with its breakdown, an owner's public averages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { call } from '../../api/hooks';
import type { paths } from '../../api/schema';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type RatingsView = JsonOf<paths['/api/v1/contracts/{id}/ratings']['get']['responses'][200]>;
export type AgencyRatingInput = JsonOf<
  NonNullable<paths['/api/v1/contracts/{id}/agency-rating']['put']['requestBody']>
>;
export type OwnerRatingInput = JsonOf<NonNullable<paths['/api/v1/contracts/{id}/owner-rating']['put']['requestBody']>>;
export type CreditView = JsonOf<paths['/api/v1/agencies/{orgId}/credit']['get']['responses'][200]>;

export const ratingKeys = {
  ratings: (id: number) => ['rating', 'contract', id] as const,
  credit: (orgId: number) => ['rating', 'credit', orgId] as const,
};

/** The owner's five dimensions of the agency, in the order the form shows them. */
export const agencyDimensions = ['quality', 'timeliness', 'attitude', 'fees', 'conduct'] as const;
/** The agency's three dimensions of the owner. */
export const ownerDimensions = ['clarity', 'cooperation', 'payment'] as const;

/** An average in hundredths, as "4.60". */
export function average(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return '—';
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export function useContractRatings(id: number) {
  return useQuery({
    queryKey: ratingKeys.ratings(id),
    queryFn: () => call(api.GET('/api/v1/contracts/{id}/ratings', { params: { path: { id } } })),
  });
}

export function useAgencyCredit(orgId: number) {
  return useQuery({
    queryKey: ratingKeys.credit(orgId),
    queryFn: () => call(api.GET('/api/v1/agencies/{orgId}/credit', { params: { path: { orgId } } })),
  });
}

export function useRateAgency(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AgencyRatingInput) =>
      call(api.PUT('/api/v1/contracts/{id}/agency-rating', { params: { path: { id } }, body })),
    onSuccess: (data) => {
      qc.setQueryData(ratingKeys.ratings(id), data);
      void qc.invalidateQueries({ queryKey: ['rating', 'credit'] });
    },
  });
}

export function useRateOwner(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: OwnerRatingInput) =>
      call(api.PUT('/api/v1/contracts/{id}/owner-rating', { params: { path: { id } }, body })),
    onSuccess: (data) => qc.setQueryData(ratingKeys.ratings(id), data),
  });
}
