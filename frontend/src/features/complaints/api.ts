// The complaints' (投诉) API types and React Query hooks: filing with evidence, the regulators'
// review, suspension and decision, the thread, and the published decisions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<P> = P extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never;

export type Complaint = JsonOf<paths['/api/v1/complaints/{id}']['get']['responses'][200]>;
export type ComplaintRow = JsonOf<paths['/api/v1/complaints']['get']['responses'][200]>['items'][number];
export type ComplaintStatus = Complaint['status'];
export type ComplaintInput = Body<paths['/api/v1/complaints']['post']>;
export type ReviewInput = Body<paths['/api/v1/complaints/{id}/review']['post']>;
export type DecisionInput = Body<paths['/api/v1/complaints/{id}/decide']['post']>;
export type PublicDecision = JsonOf<paths['/api/v1/complaint-decisions']['get']['responses'][200]>['items'][number];

export const complaintStatuses: ComplaintStatus[] = ['filed', 'accepted', 'rejected', 'upheld', 'dismissed'];

export const complaintKeys = {
  list: (status: string) => ['complaints', 'list', status] as const,
  one: (id: number) => ['complaints', 'one', id] as const,
  decisions: ['complaints', 'decisions'] as const,
};

export function useComplaints(status: string) {
  return useQuery({
    queryKey: complaintKeys.list(status),
    queryFn: async () =>
      (
        await call(
          api.GET('/api/v1/complaints', {
            params: { query: status ? { status: status as ComplaintStatus } : {} },
          }),
        )
      ).items,
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: number) {
  return useQuery({
    queryKey: complaintKeys.one(id),
    queryFn: () => call(api.GET('/api/v1/complaints/{id}', { params: { path: { id } } })),
  });
}

export function usePublicDecisions() {
  return useQuery({
    queryKey: complaintKeys.decisions,
    queryFn: async () => (await call(api.GET('/api/v1/complaint-decisions'))).items,
  });
}

/** After a change the page shows the server's answer and the lists refresh. */
function useSaved() {
  const queryClient = useQueryClient();
  return (c: Complaint) => {
    queryClient.setQueryData(complaintKeys.one(c.id), c);
    void queryClient.invalidateQueries({ queryKey: ['complaints', 'list'] });
    void queryClient.invalidateQueries({ queryKey: complaintKeys.decisions });
  };
}

export function useFileComplaint() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: ComplaintInput) => call(api.POST('/api/v1/complaints', { body })),
    onSuccess: saved,
  });
}

export function useReviewComplaint(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: ReviewInput) =>
      call(api.POST('/api/v1/complaints/{id}/review', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useDecideComplaint(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: DecisionInput) =>
      call(api.POST('/api/v1/complaints/{id}/decide', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useSuspension(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (step: 'suspend' | 'resume') =>
      step === 'suspend'
        ? call(api.POST('/api/v1/complaints/{id}/suspend', { params: { path: { id } } }))
        : call(api.POST('/api/v1/complaints/{id}/resume', { params: { path: { id } } })),
    onSuccess: saved,
  });
}

export function usePostMessage(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: string) =>
      call(api.POST('/api/v1/complaints/{id}/messages', { params: { path: { id } }, body: { body } })),
    onSuccess: saved,
  });
}
