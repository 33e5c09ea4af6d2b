// The competition's API: an agency's opportunities and registrations, the owner's direct choice
// and answers to objections, and the public result and draw.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { call } from '../../api/hooks';
import type { paths } from '../../api/schema';
import type { PublicDraw } from '../../draw/drawV1';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Items<R> = NonNullable<JsonOf<R> extends { items?: infer I } ? I : never>;

export type Opportunity = Items<paths['/api/v1/opportunities']['get']['responses'][200]>[number];
export type MyRegistration = Items<paths['/api/v1/registrations']['get']['responses'][200]>[number];
export type RegistrationInput = JsonOf<
  NonNullable<paths['/api/v1/announcements/{id}/registration']['put']['requestBody']>
>;
export type Result = JsonOf<paths['/api/v1/notices/{code}/result']['get']['responses'][200]>;
export type ResultRegistrant = Result['registrants'][number];
export type ObjectionView = Items<paths['/api/v1/announcements/{id}/objections']['get']['responses'][200]>[number];
export type AnswerInput = JsonOf<NonNullable<paths['/api/v1/objections/{id}/answer']['post']['requestBody']>>;

export const competitionKeys = {
  opportunities: ['competition', 'opportunities'] as const,
  registrations: ['competition', 'registrations'] as const,
  result: (code: string) => ['competition', 'result', code] as const,
  draw: (code: string) => ['competition', 'draw', code] as const,
  objections: (id: number) => ['competition', 'objections', id] as const,
};

/** Yuan as the UI shows money, from integer fen, without floating point. */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Integer fen from a yuan amount typed with at most two decimals; undefined when not money. */
export function toFen(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(String(value).trim());
  if (!m) return undefined;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A score in hundredths of a point, as "87.65". */
export function points(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return '—';
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export function useOpportunities() {
  return useQuery({
    queryKey: competitionKeys.opportunities,
    queryFn: async () => (await call(api.GET('/api/v1/opportunities'))).items ?? [],
  });
}

export function useMyRegistrations() {
  return useQuery({
    queryKey: competitionKeys.registrations,
    queryFn: async () => (await call(api.GET('/api/v1/registrations'))).items ?? [],
  });
}

/** Registers or changes a registration; one key per attempt makes a retry safe. */
export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, key }: { id: number; body: RegistrationInput; key: string }) =>
      call(
        api.PUT('/api/v1/announcements/{id}/registration', {
          params: { path: { id }, header: { 'Idempotency-Key': key } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['competition'] }),
  });
}

export function useWithdraw() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      call(api.DELETE('/api/v1/announcements/{id}/registration', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['competition'] }),
  });
}

export function useResult(code: string) {
  return useQuery({
    queryKey: competitionKeys.result(code),
    queryFn: () => call(api.GET('/api/v1/notices/{code}/result', { params: { path: { code } } })),
    retry: false,
  });
}

export function useDraw(code: string, enabled: boolean) {
  return useQuery({
    queryKey: competitionKeys.draw(code),
    queryFn: async () =>
      (await call(api.GET('/api/v1/notices/{code}/draw', { params: { path: { code } } }))) as PublicDraw,
    enabled,
  });
}

export function useObjections(id: number, enabled: boolean) {
  return useQuery({
    queryKey: competitionKeys.objections(id),
    queryFn: async () =>
      (await call(api.GET('/api/v1/announcements/{id}/objections', { params: { path: { id } } }))).items ?? [],
    enabled,
  });
}

export function useChoose() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, registrationId, reason }: { id: number; registrationId: number; reason: string }) =>
      call(
        api.POST('/api/v1/announcements/{id}/selection', {
          params: { path: { id } },
          body: { registrationId, reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['competition'] }),
  });
}

export function useFileObjection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ selectionId, grounds }: { selectionId: number; grounds: string }) =>
      call(
        api.POST('/api/v1/selections/{id}/objections', { params: { path: { id: selectionId } }, body: { grounds } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['competition'] }),
  });
}

export function useAnswerObjection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: AnswerInput }) =>
      call(api.POST('/api/v1/objections/{id}/answer', { params: { path: { id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['competition'] }),
  });
}
