// The deliverables' API types and hooks: a contract's milestones with their submitted versions,
// streamed uploads with progress, review, download links and the public authenticity check.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { paths } from '../../api/schema';
import { call } from '../../api/hooks';
import { ApiError, type Problem } from '../../api/problem';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Deliverables = JsonOf<paths['/api/v1/contracts/{id}/deliverables']['get']['responses'][200]>;
export type MilestoneDeliverables = NonNullable<Deliverables['milestones']>[number];
export type SubmissionView = NonNullable<MilestoneDeliverables['submissions']>[number];
export type Authenticity = JsonOf<paths['/api/v1/authenticity/{sha256}']['get']['responses'][200]>;
export type Certificate = JsonOf<paths['/api/v1/certificates/{code}']['get']['responses'][200]>;

export const deliverableKeys = {
  contract: (id: number) => ['deliverables', id] as const,
  authenticity: (sha: string) => ['authenticity', sha] as const,
  certificate: (code: string) => ['certificate', code] as const,
};

export function useDeliverables(contractId: number) {
  return useQuery({
    queryKey: deliverableKeys.contract(contractId),
    queryFn: () => call(api.GET('/api/v1/contracts/{id}/deliverables', { params: { path: { id: contractId } } })),
  });
}

function useRefresh(contractId: number) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: deliverableKeys.contract(contractId) });
}

export function useOpenSubmission(contractId: number) {
  const refresh = useRefresh(contractId);
  return useMutation({
    mutationFn: (milestoneId: number) =>
      call(api.POST('/api/v1/milestones/{id}/submissions', { params: { path: { id: milestoneId } }, body: {} })),
    onSuccess: refresh,
  });
}

export function useSubmit(contractId: number) {
  const refresh = useRefresh(contractId);
  return useMutation({
    mutationFn: (id: number) => call(api.POST('/api/v1/submissions/{id}/submit', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

export function useDecide(contractId: number) {
  const refresh = useRefresh(contractId);
  return useMutation({
    mutationFn: ({ id, accept, comments }: { id: number; accept: boolean; comments: string }) =>
      call(
        api.POST('/api/v1/submissions/{id}/decision', {
          params: { path: { id } },
          body: comments ? { accept, comments } : { accept },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeliverableLink() {
  return useMutation({
    mutationFn: (id: number) => call(api.POST('/api/v1/deliverables/{id}/link', { params: { path: { id } } })),
  });
}

/**
 * Streams a file into a submission as the raw request body, reporting progress (0–1). XMLHttpRequest
 * rather than fetch: only it reports upload progress in every browser.
 */
export function uploadDeliverable(submissionId: number, file: File, onProgress: (fraction: number) => void) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/api/v1/submissions/${submissionId}/files?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
        return;
      }
      let problem: Problem = { title: xhr.statusText, status: xhr.status };
      try {
        problem = JSON.parse(xhr.responseText) as Problem;
      } catch {
        // not JSON: keep the status line
      }
      const retry = Number(xhr.getResponseHeader('Retry-After'));
      reject(new ApiError(xhr.status, problem, Number.isFinite(retry) && retry > 0 ? retry : undefined));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'network error', status: 0 }));
    xhr.send(file);
  });
}

export function useAuthenticity(sha: string | undefined) {
  return useQuery({
    queryKey: deliverableKeys.authenticity(sha ?? ''),
    queryFn: () => call(api.GET('/api/v1/authenticity/{sha256}', { params: { path: { sha256: sha! } } })),
    enabled: !!sha,
  });
}

export function useCertificate(code: string) {
  return useQuery({
    queryKey: deliverableKeys.certificate(code),
    queryFn: () => call(api.GET('/api/v1/certificates/{code}', { params: { path: { code } } })),
  });
}

/** The SHA-256 of a file, computed in the browser (WebCrypto): the file never leaves the device. */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
