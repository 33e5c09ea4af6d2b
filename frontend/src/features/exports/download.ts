// Downloads of a list's export (Excel or CSV) under the list's filters. Fetched rather than
// linked, so a refusal (a list over the row limit, 422) is shown as a message, not saved as a file.

/** The export URL of a list: base + '/export.' + format, with the list's non-empty filters. */
export function exportUrl(base: string, format: 'xlsx' | 'csv', query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || v === false || k === 'page' || k === 'pageSize') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return `${base}/export.${format}${s ? `?${s}` : ''}`;
}

/** The file name in a Content-Disposition header, or fallback. */
export function fileName(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '');
  return m ? m[1] : fallback;
}

/** Why an export was refused: 'tooLarge' for the row limit, otherwise the server's message. */
export type Refusal = { tooLarge: true } | { tooLarge: false; message: string };

/** Fetches url and saves it; resolves to a refusal when the server refused. */
export async function download(url: string, fallbackName: string): Promise<Refusal | undefined> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as {
      detail?: string;
      title?: string;
      errors?: { reason?: string; message?: string }[] | null;
    };
    if ((problem.errors ?? []).some((e) => e.reason === 'export_too_large')) return { tooLarge: true };
    return { tooLarge: false, message: problem.errors?.[0]?.message || problem.detail || `HTTP ${response.status}` };
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName(response.headers.get('Content-Disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return undefined;
}
