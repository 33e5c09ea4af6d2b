// React Query hooks for every API operation the UI uses. Pages import these, never `api`.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  AgencySignUpBody,
  ChangePasswordBody,
  CreateOrganisationBody,
  CreateUserBody,
  OrganisationListQuery,
  Session,
  SignInBody,
  User,
} from './client';
import { ApiError, parseRetryAfter, type Problem } from './problem';
import type { Language } from '../i18n';

export const queryKeys = {
  session: ['session'] as const,
  regions: ['regions'] as const,
  portalSummary: ['portal', 'summary'] as const,
  organisations: (query: OrganisationListQuery) => ['organisations', query] as const,
  organisation: (orgId: number) => ['organisation', orgId] as const,
  organisationUsers: (orgId: number) => ['organisation', orgId, 'users'] as const,
};

/** Awaits an openapi-fetch call and throws ApiError for anything but a 2xx. */
async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (cause) {
    throw new ApiError(0, { detail: cause instanceof Error ? cause.message : String(cause) });
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const problem: Problem =
      error && typeof error === 'object'
        ? (error as Problem)
        : { status: response.status, detail: String(error ?? '') };
    throw new ApiError(response.status, problem, parseRetryAfter(response.headers.get('Retry-After')));
  }
  return data as T;
}

// ---- session ----

/** The signed-in session, or null for an anonymous visitor. */
export function useSession() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await call(api.GET('/api/v1/auth/session'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInBody) => call(api.POST('/api/v1/auth/signin', { body })),
    onSuccess: (session) => {
      // Another account may have been signed in in this tab: forget its data.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      queryClient.setQueryData(queryKeys.session, session);
    },
  });
}

/**
 * Signs out, then loads the portal home afresh: a full page load drops every byte of the
 * account's data held in memory, and no workspace page is left to react to the change.
 */
export function useSignOut() {
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/auth/signout')),
    // Even if the request failed, this tab no longer shows the account's data.
    onSettled: () => window.location.replace('/'),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => call(api.PUT('/api/v1/auth/password', { body })),
  });
}

export function useSaveLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (language: Language) => call(api.PUT('/api/v1/auth/language', { body: { language } })),
    onSuccess: (_, language) => {
      queryClient.setQueryData<Session | null>(queryKeys.session, (session) =>
        session ? { ...session, user: { ...session.user, language } } : session,
      );
    },
  });
}

// ---- public portal ----

export function useRegions() {
  return useQuery({
    queryKey: queryKeys.regions,
    queryFn: async () => (await call(api.GET('/api/v1/regions'))).items ?? [],
    staleTime: Infinity, // the 13 regions of Dali do not change while a page is open
  });
}

export function usePortalSummary() {
  return useQuery({
    queryKey: queryKeys.portalSummary,
    queryFn: () => call(api.GET('/api/v1/portal/summary')),
  });
}

export function useAgencySignUp() {
  return useMutation({
    mutationFn: (body: AgencySignUpBody) => call(api.POST('/api/v1/agency-signups', { body })),
  });
}

// ---- organisations and users ----

export function useOrganisations(query: OrganisationListQuery) {
  // Leave out empty filters so the server sees "no filter", not "kind equals ''".
  const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as OrganisationListQuery;
  return useQuery({
    queryKey: queryKeys.organisations(clean),
    queryFn: async () => (await call(api.GET('/api/v1/organisations', { params: { query: clean } }))).items ?? [],
    placeholderData: (previous) => previous, // keep the table while a new filter loads
  });
}

export function useOrganisation(orgId: number) {
  return useQuery({
    queryKey: queryKeys.organisation(orgId),
    queryFn: () => call(api.GET('/api/v1/organisations/{orgId}', { params: { path: { orgId } } })),
  });
}

export function useOrganisationUsers(orgId: number) {
  return useQuery({
    queryKey: queryKeys.organisationUsers(orgId),
    queryFn: async () =>
      (await call(api.GET('/api/v1/organisations/{orgId}/users', { params: { path: { orgId } } }))).items ?? [],
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganisationBody) => call(api.POST('/api/v1/organisations', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['organisations'] }),
  });
}

export function useCreateUser(orgId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) =>
      call(api.POST('/api/v1/organisations/{orgId}/users', { params: { path: { orgId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.organisationUsers(orgId) }),
  });
}

export function useSetUserDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) => {
      const params = { params: { path: { userId: user.id } } };
      return call(
        disabled
          ? api.POST('/api/v1/users/{userId}/disable', params)
          : api.POST('/api/v1/users/{userId}/enable', params),
      );
    },
    onSuccess: (user) => queryClient.invalidateQueries({ queryKey: queryKeys.organisationUsers(user.organisationId) }),
  });
}
