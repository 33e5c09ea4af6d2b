// The platform admin's corrections to organisations and users: name and credit code, password
// resets, role changes, and the change history that records them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { OrganisationUpdate, PasswordReset, RoleChange, User } from './client';
import { call, queryKeys } from './hooks';

export const organisationChangesKey = (orgId: number) => ['organisation', orgId, 'changes'] as const;

export function useOrganisationChanges(orgId: number, enabled = true) {
  return useQuery({
    queryKey: organisationChangesKey(orgId),
    queryFn: async () =>
      (await call(api.GET('/api/v1/organisations/{orgId}/changes', { params: { path: { orgId } } }))).items ?? [],
    enabled,
  });
}

export function useUpdateOrganisation(orgId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationUpdate) =>
      call(api.PUT('/api/v1/organisations/{orgId}', { params: { path: { orgId } }, body })),
    onSuccess: (org) => {
      queryClient.setQueryData(queryKeys.organisation(orgId), org);
      void queryClient.invalidateQueries({ queryKey: organisationChangesKey(orgId) });
      void queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, body }: { user: User; body: PasswordReset }) =>
      call(api.PUT('/api/v1/users/{userId}/password', { params: { path: { userId: user.id } }, body })),
    onSuccess: (_, { user }) =>
      queryClient.invalidateQueries({ queryKey: organisationChangesKey(user.organisationId) }),
  });
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, body }: { user: User; body: RoleChange }) =>
      call(api.PUT('/api/v1/users/{userId}/role', { params: { path: { userId: user.id } }, body })),
    onSuccess: (user) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.organisationUsers(user.organisationId) }),
        queryClient.invalidateQueries({ queryKey: organisationChangesKey(user.organisationId) }),
      ]),
  });
}
