// React Query hooks for every API operation the UI uses. Pages import these, never `api`.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type {
  AgencySignUpBody,
  ChangePasswordBody,
  CreateOrganisationBody,
  CreateUserBody,
  Decision,
  DirectoryQuery,
  ItemInput,
  ItemListQuery,
  ListingChange,
  AgencyListQuery,
  ListingInput,
  NewQualificationType,
  OrganisationListQuery,
  PractitionerInput,
  ProfileInput,
  QualificationInput,
  QualificationTypeUpdate,
  ReviewQueueQuery,
  SanctionInput,
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
  siteInfo: ['site'] as const,
  organisations: (query: OrganisationListQuery) => ['organisations', query] as const,
  organisation: (orgId: number) => ['organisation', orgId] as const,
  organisationUsers: (orgId: number) => ['organisation', orgId, 'users'] as const,
  categories: ['catalog', 'categories'] as const,
  qualificationTypes: ['catalog', 'qualificationTypes'] as const,
  items: (query: ItemListQuery) => ['catalog', 'items', query] as const,
  item: (itemId: number) => ['catalog', 'item', itemId] as const,
  application: (orgId: number) => ['application', orgId] as const,
  fileLink: (fileId: number, inline: boolean) => ['fileLink', fileId, inline] as const,
  reviewQueue: ['reviews'] as const,
  directory: (query: DirectoryQuery) => ['directory', query] as const,
  directoryAgency: (orgId: number) => ['directory', 'agency', orgId] as const,
  notifications: ['notifications'] as const,
  agencies: (query: AgencyListQuery) => ['agencies', query] as const,
  expiringQualifications: ['qualifications', 'expiring'] as const,
  todo: ['todo'] as const,
};

/** Leaves out empty filters, so the server sees "no filter" rather than "equals ''". */
function withoutEmpty<T extends object>(query: T): T {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== 0 && v !== false),
  ) as T;
}

/** Awaits an openapi-fetch call and throws ApiError for anything but a 2xx. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
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

/**
 * The footer's sponsoring unit, contact and filing numbers (they change only with a redeploy)
 * and the training clock's offset, which the platform admin may move: read again after a
 * minute when the page is in use.
 */
export function useSiteInfo() {
  return useQuery({
    queryKey: queryKeys.siteInfo,
    queryFn: () => call(api.GET('/api/v1/site')),
    staleTime: 60_000,
  });
}

export function useAgencySignUp() {
  return useMutation({
    mutationFn: (body: AgencySignUpBody) => call(api.POST('/api/v1/agency-signups', { body })),
  });
}

// ---- organisations and users ----

export function useOrganisations(query: OrganisationListQuery) {
  const clean = withoutEmpty(query);
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

// ---- service catalogue ----

export function useCategories() {
  return useQuery({
    queryKey: queryKeys.categories,
    queryFn: async () => (await call(api.GET('/api/v1/catalog/categories'))).items ?? [],
    staleTime: Infinity, // reference data from the migration
  });
}

export function useQualificationTypes() {
  return useQuery({
    queryKey: queryKeys.qualificationTypes,
    queryFn: async () => (await call(api.GET('/api/v1/catalog/qualification-types'))).items ?? [],
    staleTime: 5 * 60_000,
  });
}

export function useCatalogItems(query: ItemListQuery = {}) {
  const clean = withoutEmpty(query);
  return useQuery({
    queryKey: queryKeys.items(clean),
    queryFn: async () => (await call(api.GET('/api/v1/catalog/items', { params: { query: clean } }))).items ?? [],
    staleTime: 5 * 60_000,
    placeholderData: (previous) => previous,
  });
}

export function useCatalogItem(itemId: number | undefined) {
  return useQuery({
    queryKey: queryKeys.item(itemId ?? 0),
    queryFn: () => call(api.GET('/api/v1/catalog/items/{itemId}', { params: { path: { itemId: itemId! } } })),
    enabled: !!itemId,
    staleTime: 5 * 60_000,
  });
}

export function useSaveItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: number; body: ItemInput }) =>
      call(
        id
          ? api.PUT('/api/v1/catalog/items/{itemId}', { params: { path: { itemId: id } }, body })
          : api.POST('/api/v1/catalog/items', { body }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog'] }),
  });
}

export function useSaveQualificationType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      input: { id: number; body: QualificationTypeUpdate } | { id?: undefined; body: NewQualificationType },
    ) =>
      call(
        input.id
          ? api.PUT('/api/v1/catalog/qualification-types/{typeId}', {
              params: { path: { typeId: input.id } },
              body: input.body,
            })
          : api.POST('/api/v1/catalog/qualification-types', { body: input.body as NewQualificationType }),
      ),
    // Item requirements carry level names too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['catalog'] }),
  });
}

// ---- agency applications ----

export function useApplication(orgId: number) {
  return useQuery({
    queryKey: queryKeys.application(orgId),
    queryFn: () => call(api.GET('/api/v1/agencies/{orgId}/application', { params: { path: { orgId } } })),
  });
}

/** A mutation of an agency's application; the application is read again afterwards. */
function useApplicationMutation<V, R>(orgId: number, mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.application(orgId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.reviewQueue }),
        queryClient.invalidateQueries({ queryKey: ['agencies'] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.expiringQualifications }),
        queryClient.invalidateQueries({ queryKey: queryKeys.todo }),
        queryClient.invalidateQueries({ queryKey: ['directory'] }),
      ]),
  });
}

export function useUpdateProfile(orgId: number) {
  return useApplicationMutation(orgId, (body: ProfileInput) =>
    call(api.PUT('/api/v1/agencies/{orgId}/profile', { params: { path: { orgId } }, body })),
  );
}

export function useSubmitApplication(orgId: number) {
  return useApplicationMutation(orgId, () =>
    call(api.POST('/api/v1/agencies/{orgId}/application/submit', { params: { path: { orgId } } })),
  );
}

export function useSaveQualification(orgId: number) {
  return useApplicationMutation(orgId, ({ id, body }: { id?: number; body: QualificationInput }) =>
    call(
      id
        ? api.PUT('/api/v1/qualifications/{qualificationId}', { params: { path: { qualificationId: id } }, body })
        : api.POST('/api/v1/agencies/{orgId}/qualifications', { params: { path: { orgId } }, body }),
    ),
  );
}

export function useDeleteQualification(orgId: number) {
  return useApplicationMutation(orgId, (qualificationId: number) =>
    call(api.DELETE('/api/v1/qualifications/{qualificationId}', { params: { path: { qualificationId } } })),
  );
}

export function useAddPractitioner(orgId: number) {
  return useApplicationMutation(orgId, (body: PractitionerInput) =>
    call(api.POST('/api/v1/agencies/{orgId}/practitioners', { params: { path: { orgId } }, body })),
  );
}

export function useRemovePractitioner(orgId: number) {
  return useApplicationMutation(orgId, (practitionerId: number) =>
    call(
      api.DELETE('/api/v1/agencies/{orgId}/practitioners/{practitionerId}', {
        params: { path: { orgId, practitionerId } },
      }),
    ),
  );
}

export function useAddListing(orgId: number) {
  return useApplicationMutation(orgId, (body: ListingInput) =>
    call(api.POST('/api/v1/agencies/{orgId}/listings', { params: { path: { orgId } }, body })),
  );
}

export function useChangeListing(orgId: number) {
  return useApplicationMutation(orgId, ({ id, body }: { id: number; body: ListingChange }) =>
    call(api.PUT('/api/v1/listings/{listingId}', { params: { path: { listingId: id } }, body })),
  );
}

// ---- files ----

/**
 * Uploads a document as the raw request body (not multipart): the server judges its type by
 * content and its size while it streams.
 */
export function uploadFile(
  file: File,
  purpose:
    | 'qualification_scan'
    | 'announcement_attachment'
    | 'contract_document'
    | 'complaint_evidence' = 'qualification_scan',
) {
  return call(
    api.POST('/api/v1/files', {
      params: { query: { purpose, filename: file.name } },
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': 'application/octet-stream' },
    }),
  );
}

/**
 * A short-lived (five-minute) presigned link to a document. Links are fetched afresh rather
 * than cached for long, and each request is recorded by the server.
 */
export function useFileLink(fileId: number | undefined, inline: boolean) {
  return useQuery({
    queryKey: queryKeys.fileLink(fileId ?? 0, inline),
    queryFn: () =>
      call(api.POST('/api/v1/files/{fileId}/link', { params: { path: { fileId: fileId! }, query: { inline } } })),
    enabled: !!fileId,
    staleTime: 4 * 60_000, // a minute before the link expires
    gcTime: 4 * 60_000,
  });
}

/** Asks for a download link on demand (for the "download" button). */
export function useDownloadLink() {
  return useMutation({
    mutationFn: (fileId: number) =>
      call(api.POST('/api/v1/files/{fileId}/link', { params: { path: { fileId }, query: { inline: false } } })),
  });
}

// ---- reviews and sanctions ----

export function useReviewQueue(query: ReviewQueueQuery = {}) {
  const clean = withoutEmpty(query);
  return useQuery({
    queryKey: [...queryKeys.reviewQueue, clean],
    queryFn: async () => (await call(api.GET('/api/v1/reviews', { params: { query: clean } }))).items ?? [],
  });
}

export function useDecideProfile(orgId: number) {
  return useApplicationMutation(orgId, (body: Decision) =>
    call(api.POST('/api/v1/agencies/{orgId}/decision', { params: { path: { orgId } }, body })),
  );
}

export function useDecideQualification(orgId: number) {
  return useApplicationMutation(orgId, ({ id, body }: { id: number; body: Decision }) =>
    call(
      api.POST('/api/v1/qualifications/{qualificationId}/decision', {
        params: { path: { qualificationId: id } },
        body,
      }),
    ),
  );
}

export function useDecideListing(orgId: number) {
  return useApplicationMutation(orgId, ({ id, body }: { id: number; body: Decision }) =>
    call(api.POST('/api/v1/listings/{listingId}/decision', { params: { path: { listingId: id } }, body })),
  );
}

export function useImposeSanction(orgId: number) {
  return useApplicationMutation(orgId, (body: SanctionInput) =>
    call(api.POST('/api/v1/agencies/{orgId}/sanctions', { params: { path: { orgId } }, body })),
  );
}

export function useLiftSanction(orgId: number) {
  return useApplicationMutation(orgId, ({ id, reason }: { id: number; reason: string }) =>
    call(api.POST('/api/v1/sanctions/{sanctionId}/lift', { params: { path: { sanctionId: id } }, body: { reason } })),
  );
}

// ---- public directory ----

export function useDirectory(query: DirectoryQuery) {
  const clean = withoutEmpty(query);
  return useQuery({
    queryKey: queryKeys.directory(clean),
    queryFn: () => call(api.GET('/api/v1/directory/agencies', { params: { query: clean } })),
    placeholderData: (previous) => previous,
  });
}

export function useDirectoryAgency(orgId: number) {
  return useQuery({
    queryKey: queryKeys.directoryAgency(orgId),
    queryFn: () => call(api.GET('/api/v1/directory/agencies/{orgId}', { params: { path: { orgId } } })),
  });
}

// ---- notifications ----

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: async () => (await call(api.GET('/api/v1/notifications'))).items ?? [],
    enabled,
    staleTime: 60_000,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.POST('/api/v1/notifications/read-all')),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
        queryClient.invalidateQueries({ queryKey: queryKeys.todo }),
      ]),
  });
}

// ---- work queues and the to-do board ----

/** The regulators' list of agencies, each with the sanction in force, filtered on the server. */
export function useAgencies(query: AgencyListQuery) {
  const clean = withoutEmpty(query);
  return useQuery({
    queryKey: queryKeys.agencies(clean),
    queryFn: async () => (await call(api.GET('/api/v1/agencies', { params: { query: clean } }))).items ?? [],
    placeholderData: (previous) => previous,
  });
}

export function useExpiringQualifications() {
  return useQuery({
    queryKey: queryKeys.expiringQualifications,
    queryFn: async () => (await call(api.GET('/api/v1/qualifications/expiring'))).items ?? [],
  });
}

/** The signed-in user's to-do board: a count per queue. */
export function useTodo() {
  return useQuery({
    queryKey: queryKeys.todo,
    queryFn: () => call(api.GET('/api/v1/todo')),
  });
}
