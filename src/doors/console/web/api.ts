// The console page's one way to the server (issue 21): JSON calls to /console/api with the session's
// CSRF token on every change; a 401 ends the session on the page (it shows the logon form again).
export interface Features { readonly deviceSimulator: boolean; readonly qa: boolean; readonly version: string }
export interface Session { readonly userId: string; readonly domain: string; readonly csrfToken: string; readonly expiresAt: string; readonly features: Features }

export class ApiError extends Error {
  constructor(readonly http: number, readonly status: string, message: string, readonly errors: { field: string; message: string }[] = []) { super(message); }
}

let csrf = '';
const listeners = new Set<(why: string) => void>();

/** Called with the reason when the server says the session is gone. */
export function onSessionEnded(f: (why: string) => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

export function sessionEnded(why: string): void {
  csrf = '';
  for (const f of listeners) f(why);
}

export const useSession = (s: Session | null): void => { csrf = s?.csrfToken ?? ''; };

async function failure(res: Response): Promise<ApiError> {
  let body: { status?: string; message?: string; errors?: { field: string; message: string }[] } = {};
  try { body = await res.json(); } catch { /* not JSON */ }
  const errors = body.errors ?? [];
  const detail = errors.length > 0 ? `${body.message}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}` : body.message;
  return new ApiError(res.status, body.status ?? `HTTP ${res.status}`, detail ?? `The server answered HTTP ${res.status}`, errors);
}

/** Sends a request; the answer's JSON, or an ApiError. `raw` sends a body as is (an uploaded file). */
export async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (method !== 'GET') (init.headers as Record<string, string>)['X-CSRF-Token'] = csrf;
  if (body !== undefined) {
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`/console/api${path}`, init);
  if (res.status === 401 && path !== '/session') sessionEnded('Your session ended (expired or logged off): log on again.');
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

export const get = <T>(path: string) => call<T>('GET', path);

/** A path segment, percent-encoded. */
export const seg = (s: string): string => encodeURIComponent(s);

/** Uploads a file with progress (XMLHttpRequest: fetch reports no upload progress). */
export function upload<T>(path: string, file: Blob, headers: Record<string, string>, progress: (sent: number, total: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/console/api${path}`);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => progress(e.loaded, e.total);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload failed: the server could not be reached'));
    xhr.onload = () => {
      let body: { status?: string; message?: string } = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(xhr.status, body.status ?? `HTTP ${xhr.status}`, body.message ?? `The server answered HTTP ${xhr.status}`));
    };
    xhr.send(file);
  });
}
