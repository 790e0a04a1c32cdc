/**
 * The one typed API client. Same-origin cookies carry the session; every non-GET request sends the
 * session's CSRF token (taken from /api/auth/me or the login response); problem+json bodies become an
 * ApiError the UI can branch on by `code` (never by text). A 401 inside the workspace sends the user to
 * the login page with `next` set, so they come back to where they were.
 *
 * Every write carries an `Idempotency-Key` (server/plugins/idempotency.ts): a fresh one per call unless the
 * caller passes one (web/hooks/useSubmissionKey.ts keeps one per form submission, so a retry is recognised).
 * A write identical to one still on the wire (same method, path and body) is the same submission: it shares
 * that request's answer instead of being sent again. If the server says the same key is still being processed
 * (409 idempotency_request_in_progress), the client waits and asks again with that key until it gets the
 * stored answer.
 *
 * Uploads go through the same path (`api.upload` with a FormData body): the same headers and key, and the
 * server fingerprints the parts, not the boundary, so a resent FormData is recognised. Callers keep one key per
 * submission with useSubmissionKey, identifying the chosen file by `fileIdentity`.
 */
import type { FieldError } from '../../common/contracts/problem.ts';

export type { FieldError };

/**
 * An RFC 9457 problem as the server renders it (server/plugins/errors.ts; its shape is `Problem` in
 * common/contracts/problem.ts). The body is read defensively: a proxy's error page or a network failure
 * has no problem body, yet still becomes an ApiError.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly extra: Record<string, unknown>;
  readonly instance: string | undefined;

  constructor(status: number, body: Record<string, unknown>) {
    const code = typeof body.code === 'string' ? body.code : status >= 500 ? 'internal_error' : 'bad_request';
    const title = typeof body.title === 'string' ? body.title : '请求失败';
    const detail = typeof body.detail === 'string' ? body.detail : undefined;
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.instance = typeof body.instance === 'string' ? body.instance : undefined;
    this.errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : [];
    const { type: _t, title: _ti, status: _s, code: _c, detail: _d, errors: _e, instance: _i, ...extra } = body;
    this.extra = extra;
  }

  /** The text to show a person: the detail when the server gave one, else the localised title. */
  get display(): string {
    return this.detail ?? this.title;
  }
}

let csrfToken: string | null = null;
let locale = 'zh-CN';

/** Remembers the session's CSRF token (from the me/login/switch response). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The UI language, sent as accept-language so problem titles come back in it. */
export function setApiLocale(l: string): void {
  locale = l;
}

/** The UI language last set (display helpers such as web/components/format.ts write dates in it). */
export function apiLocale(): string {
  return locale;
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

export function toQueryString(query?: Query): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      for (const x of v) p.append(k, String(x));
    } else {
      p.set(k, String(v));
    }
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  query?: Query;
  /** JSON, or a FormData for an upload (multipart/form-data). */
  body?: unknown;
  /** Do not redirect to the login page on 401 (used by the session probe itself). */
  noRedirect?: boolean;
  signal?: AbortSignal;
  /** The Idempotency-Key of a write; a fresh one is made per call when absent. */
  idempotencyKey?: string;
  /** Lets the request outlive the page (a write made as the tab closes; the body must stay under 64 KB). */
  keepalive?: boolean;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A random key (UUID v4). `crypto.randomUUID` exists only in secure contexts (https or localhost); the demo
 * served over plain http on a LAN address still has `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Writes on the wire, by method, URL and body: a double click's second call joins the first. */
const inFlight = new Map<string, Promise<unknown>>();
/** How long to keep asking while the server still processes the same key (409 in progress). */
const IN_PROGRESS_WAIT_MS = 15_000;

function redirectToLogin(code: string): void {
  const { pathname, search } = window.location;
  if (!pathname.startsWith('/workspace')) return;
  const next = encodeURIComponent(pathname + search);
  window.location.assign(`/login?next=${next}&reason=${code === 'session_expired' ? 'expired' : 'login'}`);
}

async function parseError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const ct = res.headers.get('content-type') ?? '';
    if (ct.includes('json')) body = (await res.json()) as Record<string, unknown>;
  } catch {
    // An unreadable body still yields a typed error from the status.
  }
  if (!body.code) {
    body.code =
      res.status === 404
        ? 'not_found'
        : res.status === 413
          ? 'payload_too_large'
          : res.status === 403
            ? 'forbidden'
            : res.status === 401
              ? 'unauthenticated'
              : res.status >= 500
                ? 'internal_error'
                : 'bad_request';
  }
  return new ApiError(res.status, body);
}

/** Sends one request to /api and returns the parsed JSON (undefined for 204). */
export function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  if (!WRITES.has(method)) return send<T>(method, path, opts);
  const key = opts.idempotencyKey ?? newIdempotencyKey();
  // A FormData has no JSON form: an upload joins one on the wire only when it is the same submission (key).
  const content =
    opts.body instanceof FormData ? `form ${key}` : opts.body === undefined ? '' : JSON.stringify(opts.body);
  const id = `${method} ${path}${toQueryString(opts.query)} ${content}`;
  const running = inFlight.get(id);
  if (running) return running as Promise<T>;
  const p = sendWrite<T>(method, path, { ...opts, idempotencyKey: key }).finally(() => inFlight.delete(id));
  inFlight.set(id, p);
  return p;
}

async function sendWrite<T>(method: string, path: string, opts: RequestOptions): Promise<T> {
  const until = Date.now() + IN_PROGRESS_WAIT_MS;
  for (;;) {
    try {
      return await send<T>(method, path, opts);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'idempotency_request_in_progress') || Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function send<T>(method: string, path: string, opts: RequestOptions): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': locale,
  };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  // An RFC 8941 string, as the IETF draft writes the header.
  if (opts.idempotencyKey) headers['idempotency-key'] = `"${opts.idempotencyKey}"`;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body; // the browser writes the multipart content-type with its boundary
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${toQueryString(opts.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
      keepalive: opts.keepalive,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, {
      code: 'network_error',
      title: locale === 'en-US' ? 'Network error; check your connection' : '网络连接失败，请检查网络后重试',
    });
  }
  if (!res.ok) {
    const err = await parseError(res);
    if (res.status === 401 && !opts.noRedirect && (err.code === 'session_expired' || err.code === 'unauthenticated')) {
      redirectToLogin(err.code);
    }
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const ct = res.headers.get('content-type') ?? '';
  if (!ct.includes('json')) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  put: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PUT', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('PATCH', path, { ...opts, body: body ?? {} }),
  delete: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, opts),
  /** POSTs a multipart/form-data body (files and fields), with the CSRF token and an Idempotency-Key. */
  upload: <T>(path: string, form: FormData, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...opts, body: form }),
};

/**
 * What a chosen file is, for useSubmissionKey: picking the same file again (a retry) gives the same values,
 * another file or a changed one does not. The server compares the bytes themselves.
 */
export function fileIdentity(file: Blob, name?: string): Record<string, string | number> {
  return {
    name: name ?? (file instanceof File ? file.name : ''),
    size: file.size,
    type: file.type,
    lastModified: file instanceof File ? file.lastModified : 0,
  };
}

/** Downloads a binary API response (e.g. a .docx) and saves it under the server's file name. */
export async function download(path: string, fallbackName: string, query?: Query): Promise<void> {
  const res = await fetch(`/api${path}${toQueryString(query)}`, {
    credentials: 'same-origin',
    headers: { 'accept-language': locale },
  });
  if (!res.ok) throw await parseError(res);
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  const name = star?.[1] ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  saveBlob(blob, name);
}

/** Saves a Blob as a file through a temporary link. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Whether an error is an ApiError with one of the given codes. */
export function isApiError(err: unknown, ...codes: string[]): err is ApiError {
  return err instanceof ApiError && (codes.length === 0 || codes.includes(err.code));
}
