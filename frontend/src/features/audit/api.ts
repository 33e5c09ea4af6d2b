// The audit view's API type and query hook: an announcement's or contract's chain of audit
// events and whether it verifies, for regulators.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type AuditTrail = JsonOf<paths['/api/v1/audit/{kind}/{id}']['get']['responses'][200]>;
export type AuditEvent = AuditTrail['events'][number];
export type AuditKind = 'announcement' | 'contract';

export const auditKeys = {
  trail: (kind: AuditKind, id: number) => ['audit', kind, id] as const,
};

export function useAuditTrail(kind: AuditKind, id: number, enabled: boolean) {
  return useQuery({
    queryKey: auditKeys.trail(kind, id),
    queryFn: () => call(api.GET('/api/v1/audit/{kind}/{id}', { params: { path: { kind, id } } })),
    enabled,
  });
}
