// The contract capability's API types and React Query hooks: contracts, their registration,
// confirmation, amendments, termination, milestones, payments and the regulators' performance view.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<P> = P extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never;

export type Contract = JsonOf<paths['/api/v1/contracts/{id}']['get']['responses'][200]>;
export type ContractRow = JsonOf<paths['/api/v1/contracts']['get']['responses'][200]>['items'][number];
export type ContractQuery = NonNullable<paths['/api/v1/contracts']['get']['parameters']['query']>;
export type ContractStatus = Contract['status'];
export type ContractAction = NonNullable<Contract['actions']>[number];
export type PerformanceRow = JsonOf<paths['/api/v1/performance']['get']['responses'][200]>['items'][number];
export type RegistrationInput = Body<paths['/api/v1/contracts/{id}/registration']['post']>;
export type AmendmentInput = Body<paths['/api/v1/contracts/{id}/amendments']['post']>;
export type AmendmentDecision = Body<paths['/api/v1/amendments/{id}/decision']['post']>;
export type MilestonePlan = Body<paths['/api/v1/contracts/{id}/milestones']['put']>;
export type PaymentInput = Body<paths['/api/v1/contracts/{id}/payments']['post']>;

export const contractStatuses: ContractStatus[] = [
  'awaiting_registration',
  'pending_confirmation',
  'active',
  'completed',
  'terminated',
];

export const contractKeys = {
  list: (q: ContractQuery) => ['contracts', 'list', q] as const,
  one: (id: number) => ['contracts', 'one', id] as const,
  performance: (q: ContractQuery) => ['contracts', 'performance', q] as const,
};

function clean<T extends object>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== '' && v !== 0 && v !== false),
  ) as T;
}

export function useContracts(q: ContractQuery) {
  return useQuery({
    queryKey: contractKeys.list(q),
    queryFn: async () => (await call(api.GET('/api/v1/contracts', { params: { query: clean(q) } }))).items,
    placeholderData: keepPreviousData,
  });
}

export function usePerformance(q: ContractQuery) {
  return useQuery({
    queryKey: contractKeys.performance(q),
    queryFn: async () => (await call(api.GET('/api/v1/performance', { params: { query: clean(q) } }))).items,
    placeholderData: keepPreviousData,
  });
}

export function useContract(id: number) {
  return useQuery({
    queryKey: contractKeys.one(id),
    queryFn: () => call(api.GET('/api/v1/contracts/{id}', { params: { path: { id } } })),
  });
}

/** After a change, the page shows the server's answer and the lists and to-do board refresh. */
function useSaved() {
  const queryClient = useQueryClient();
  return (c: Contract) => {
    queryClient.setQueryData(contractKeys.one(c.id), c);
    void queryClient.invalidateQueries({ queryKey: ['contracts', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['todo'] });
  };
}

export function useRegisterContract(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: RegistrationInput) =>
      call(api.POST('/api/v1/contracts/{id}/registration', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useConfirmContract(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/contracts/{id}/confirmation', { params: { path: { id } } })),
    onSuccess: saved,
  });
}

export function useProposeAmendment(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: AmendmentInput) =>
      call(api.POST('/api/v1/contracts/{id}/amendments', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useDecideAmendment() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, ...body }: AmendmentDecision & { id: number }) =>
      call(api.POST('/api/v1/amendments/{id}/decision', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useTerminateContract(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (reason: string) =>
      call(api.POST('/api/v1/contracts/{id}/termination', { params: { path: { id } }, body: { reason } })),
    onSuccess: saved,
  });
}

export function useReplaceMilestones(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: MilestonePlan) =>
      call(api.PUT('/api/v1/contracts/{id}/milestones', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useRecordPayment(id: number) {
  const saved = useSaved();
  return useMutation({
    mutationFn: (body: PaymentInput) =>
      call(api.POST('/api/v1/contracts/{id}/payments', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}
