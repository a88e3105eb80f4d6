import type { z } from 'zod';
import type { Problem } from '../../shared/contracts/common.ts';

export interface FieldError {
  /** Dotted path inside the request body, e.g. `email` or `regions.0`. */
  path: string;
  message: string;
}

/** A failed API call, as the server's problem+json described it. */
export class ApiError extends Error {
  readonly code: string;
  readonly title: string;
  readonly status: number;
  readonly fieldErrors: FieldError[];
  readonly requestId: string | undefined;
  /** For `version_conflict`: the record as it is now on the server. */
  readonly current: unknown;
  /** For a refused import (`import_invalid`): the row-by-row report. */
  readonly report: unknown;
  /** What the title leaves out, e.g. the row an import found invalid only while writing. */
  readonly detail: string | undefined;

  constructor(problem: Pick<Problem, 'code' | 'title' | 'status'> & Partial<Problem>) {
    super(problem.title);
    this.name = 'ApiError';
    this.code = problem.code;
    this.title = problem.title;
    this.status = problem.status;
    this.requestId = problem.requestId;
    this.current = problem.current;
    this.report = problem.report;
    this.detail = problem.detail;
    // The server prefixes paths with where they were found (`body.email`); forms only know the field.
    this.fieldErrors = (problem.errors ?? []).map((e) => ({ path: e.path.replace(/^(body|querystring|params)\.?/, ''), message: e.message }));
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions<T> {
  query?: Query;
  body?: unknown;
  /** When given, the response is checked against the contract; a mismatch is a bug worth surfacing. */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

interface ClientState {
  csrfToken: string | null;
  language: () => string;
  /** The session ended (401) or must change its password first (403): the session layer re-reads `/auth/me`. */
  onSessionProblem: (error: ApiError) => void;
  /** Used when the server cannot be reached or answers something that is not problem+json. */
  fallbackTitle: (kind: 'network' | 'unexpected') => string;
}

const state: ClientState = {
  csrfToken: null,
  language: () => 'fr',
  onSessionProblem: () => {},
  fallbackTitle: (kind) => (kind === 'network' ? 'Serveur injoignable.' : 'Réponse inattendue du serveur.'),
};

/** Wired once by the session and i18n layers; kept outside React so any module can call the API. */
export function configureClient(options: Partial<ClientState>) {
  Object.assign(state, options);
}

export function setCsrfToken(token: string | null) {
  state.csrfToken = token;
}

const mutations = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function request<T>(method: string, path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.language() };
  // A file upload: the browser writes the multipart Content-Type with its boundary.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (mutations.has(method) && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ code: 'network', title: state.fallbackTitle('network'), status: 0 });
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    // Login itself answers 401 for a wrong password: that is a form error, not an expired session.
    const sessionProblem = (problem.status === 401 && path !== '/api/v1/auth/login') || problem.code === 'password_change_required';
    if (sessionProblem) state.onSessionProblem(problem);
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json();
  return options.schema ? options.schema.parse(data) : (data as T);
}

async function readProblem(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as Partial<Problem>;
    if (typeof body.code === 'string' && typeof body.title === 'string') {
      return new ApiError({ ...body, code: body.code, title: body.title, status: response.status });
    }
  } catch {
    // Not JSON (a proxy error page, for instance): fall through to a generic message.
  }
  return new ApiError({ code: 'unexpected', title: state.fallbackTitle('unexpected'), status: response.status });
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions<T>, 'body'>) => request<T>('DELETE', path, options),
};

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
