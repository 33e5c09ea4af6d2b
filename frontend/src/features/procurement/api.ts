// The procurement capability's API types and React Query hooks: the project library,
// announcements, the marketplace rules and the public notices.
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Body<P> = P extends { requestBody?: infer R } ? JsonOf<NonNullable<R>> : never;

export type Project = JsonOf<paths['/api/v1/projects/{id}']['get']['responses'][200]>;
export type PlannedService = Project['services'][number];
export type ProjectInput = Body<paths['/api/v1/projects']['post']>;
export type ProjectServiceInput = Body<paths['/api/v1/projects/{id}/services']['post']>;
export type ProjectServiceChange = Body<paths['/api/v1/projects/{id}/services/{serviceId}']['put']>;
export type Announcement = JsonOf<paths['/api/v1/announcements/{id}']['get']['responses'][200]>;
export type AnnouncementRow = JsonOf<paths['/api/v1/announcements']['get']['responses'][200]>['items'][number];
export type AnnouncementInput = Body<paths['/api/v1/announcements']['post']>;
export type AnnouncementQuery = NonNullable<paths['/api/v1/announcements']['get']['parameters']['query']>;
export type Rules = JsonOf<paths['/api/v1/procurement-rules']['get']['responses'][200]>;
export type RulesInput = Body<paths['/api/v1/procurement-rules']['put']>;
export type Notice = JsonOf<paths['/api/v1/notices/{code}']['get']['responses'][200]>;
export type NoticeRow = JsonOf<paths['/api/v1/notices']['get']['responses'][200]>['items'][number];
export type NoticeQuery = NonNullable<paths['/api/v1/notices']['get']['parameters']['query']>;
export type AnnouncementStatus = Announcement['status'];
export type Method = Announcement['method'];
export type Stage = Project['stage'];

export const procurementKeys = {
  rules: ['procurement', 'rules'] as const,
  projects: (q: string) => ['procurement', 'projects', q] as const,
  project: (id: number) => ['procurement', 'project', id] as const,
  announcements: (q: AnnouncementQuery) => ['procurement', 'announcements', q] as const,
  announcement: (id: number) => ['procurement', 'announcement', id] as const,
  notices: (q: NoticeQuery) => ['notices', q] as const,
  notice: (code: string) => ['notice', code] as const,
};

function clean<T extends object>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== '' && v !== 0)) as T;
}

export function useRules() {
  return useQuery({ queryKey: procurementKeys.rules, queryFn: () => call(api.GET('/api/v1/procurement-rules')) });
}

export function useUpdateRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RulesInput) => call(api.PUT('/api/v1/procurement-rules', { body })),
    onSuccess: (rules) => queryClient.setQueryData(procurementKeys.rules, rules),
  });
}

export function useProjects(q: string) {
  return useQuery({
    queryKey: procurementKeys.projects(q),
    queryFn: async () => (await call(api.GET('/api/v1/projects', { params: { query: clean({ q }) } }))).items,
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: number) {
  return useQuery({
    queryKey: procurementKeys.project(id),
    queryFn: () => call(api.GET('/api/v1/projects/{id}', { params: { path: { id } } })),
  });
}

/** After a change to a project, its page and the lists show the server's answer. */
function useProjectSaved() {
  const queryClient = useQueryClient();
  return (project: Project) => {
    queryClient.setQueryData(procurementKeys.project(project.id), project);
    void queryClient.invalidateQueries({ queryKey: ['procurement', 'projects'] });
  };
}

export function useCreateProject() {
  const saved = useProjectSaved();
  return useMutation({
    mutationFn: (body: ProjectInput) => call(api.POST('/api/v1/projects', { body })),
    onSuccess: saved,
  });
}

export function useUpdateProject(id: number) {
  const saved = useProjectSaved();
  return useMutation({
    mutationFn: (body: ProjectInput) => call(api.PUT('/api/v1/projects/{id}', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useAddService(id: number) {
  const saved = useProjectSaved();
  return useMutation({
    mutationFn: (body: ProjectServiceInput) =>
      call(api.POST('/api/v1/projects/{id}/services', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function useUpdateService(id: number) {
  const saved = useProjectSaved();
  return useMutation({
    mutationFn: ({ serviceId, ...body }: ProjectServiceChange & { serviceId: number }) =>
      call(api.PUT('/api/v1/projects/{id}/services/{serviceId}', { params: { path: { id, serviceId } }, body })),
    onSuccess: saved,
  });
}

export function useDeleteService(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (serviceId: number) =>
      call(api.DELETE('/api/v1/projects/{id}/services/{serviceId}', { params: { path: { id, serviceId } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['procurement'] }),
  });
}

export function useAnnouncements(query: AnnouncementQuery) {
  const q = clean(query);
  return useQuery({
    queryKey: procurementKeys.announcements(q),
    queryFn: async () => (await call(api.GET('/api/v1/announcements', { params: { query: q } }))).items,
    placeholderData: keepPreviousData,
  });
}

export function useAnnouncement(id: number | undefined) {
  return useQuery({
    queryKey: procurementKeys.announcement(id ?? 0),
    queryFn: () => call(api.GET('/api/v1/announcements/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });
}

/** After a change to an announcement, everything procurement shows is read again. */
function useAnnouncementSaved() {
  const queryClient = useQueryClient();
  return (a: Announcement) => {
    queryClient.setQueryData(procurementKeys.announcement(a.id), a);
    void queryClient.invalidateQueries({ queryKey: ['procurement'] });
    void queryClient.invalidateQueries({ queryKey: ['notices'] });
  };
}

export function useCreateAnnouncement() {
  const saved = useAnnouncementSaved();
  return useMutation({
    mutationFn: (body: AnnouncementInput) => call(api.POST('/api/v1/announcements', { body })),
    onSuccess: saved,
  });
}

export function useUpdateAnnouncement() {
  const saved = useAnnouncementSaved();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: AnnouncementInput }) =>
      call(api.PUT('/api/v1/announcements/{id}', { params: { path: { id } }, body })),
    onSuccess: saved,
  });
}

export function usePublishAnnouncement() {
  const saved = useAnnouncementSaved();
  return useMutation({
    mutationFn: (id: number) => call(api.POST('/api/v1/announcements/{id}/publish', { params: { path: { id } } })),
    onSuccess: saved,
  });
}

export function useCancelAnnouncement() {
  const saved = useAnnouncementSaved();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      call(api.POST('/api/v1/announcements/{id}/cancel', { params: { path: { id } }, body: { reason } })),
    onSuccess: saved,
  });
}

export function useRelistAnnouncement() {
  const saved = useAnnouncementSaved();
  return useMutation({
    mutationFn: (id: number) => call(api.POST('/api/v1/announcements/{id}/relist', { params: { path: { id } } })),
    onSuccess: saved,
  });
}

export function useDeleteAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => call(api.DELETE('/api/v1/announcements/{id}', { params: { path: { id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['procurement'] }),
  });
}

/** The public notices, page after page: each page continues from the previous one's cursor. */
export function useNotices(query: Omit<NoticeQuery, 'cursor'>) {
  const q = clean(query);
  return useInfiniteQuery({
    queryKey: procurementKeys.notices(q),
    queryFn: ({ pageParam }) =>
      call(api.GET('/api/v1/notices', { params: { query: { ...q, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.next || undefined,
  });
}

export function useNotice(code: string) {
  return useQuery({
    queryKey: procurementKeys.notice(code),
    queryFn: () => call(api.GET('/api/v1/notices/{code}', { params: { path: { code } } })),
  });
}
