import type { z } from 'zod';
import type { Problem } from '../../shared/contracts/common.ts';
import type { BodyInputOf, EndpointSpec, ParamsInputOf, QueryInputOf, ResponseOf } from '../../shared/contracts/endpoint.ts';
import { takeEarly } from './early.ts';

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

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

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

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * One HTTP exchange. `sessionBound`: a 401 means the session is gone (not so for a public endpoint
 * such as sign-in, where it means a wrong password).
 */
async function send(method: string, url: string, body: unknown, signal: AbortSignal | undefined, sessionBound: boolean): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.language() };
  // A file upload: the browser writes the multipart Content-Type with its boundary.
  const isForm = body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (mutations.has(method) && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;

  let response: Response;
  try {
    const early = method === 'GET' ? await takeEarly(url) : null;
    response = early ?? await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ code: 'network', title: state.fallbackTitle('network'), status: 0 });
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    const sessionProblem = (problem.status === 401 && sessionBound) || problem.code === 'password_change_required';
    if (sessionProblem) state.onSessionProblem(problem);
    throw problem;
  }
  if (response.status === 204) return undefined;
  return response.json();
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

/**
 * What a call to an endpoint sends, as its contract declares it: path parameters, query (only
 * declared names; values travel as text and the server validates them), JSON body or one file.
 */
export type CallInput<E extends EndpointSpec> = (E['params'] extends z.ZodType ? { params: ParamsInputOf<E> } : { params?: never }) &
  (E['query'] extends z.ZodType ? { query?: { [K in keyof QueryInputOf<E>]?: QueryValue } } : { query?: never }) &
  (E['body'] extends z.ZodType ? { body: BodyInputOf<E> } : { body?: never }) &
  (E['upload'] extends true ? { file: File } : { file?: never }) & { signal?: AbortSignal };

type CallArgs<E extends EndpointSpec> = object extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>];

/** The endpoint's path with its parameters filled in, and its query. */
export function hrefOf<E extends EndpointSpec>(endpoint: E, ...[input]: CallArgs<E>): string {
  const params = (input?.params ?? {}) as Record<string, string>;
  const path = endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(params[name]!));
  // Only the names the contract declares: a list's page or sort never leaks into an export link.
  const declared = Object.keys(endpoint.query?.shape ?? {});
  const query = Object.fromEntries(Object.entries((input?.query ?? {})).filter(([name]) => declared.includes(name)));
  return buildUrl(path, query);
}

/** Calls an endpoint; its JSON answer is checked against the contract before anyone reads it. */
export async function call<E extends EndpointSpec>(endpoint: E, ...[input]: CallArgs<E>): Promise<ResponseOf<E>> {
  let body: unknown = input?.body;
  if (input?.file) {
    const form = new FormData();
    form.append('file', input.file, input.file.name);
    body = form;
  }
  const data = await send(endpoint.method, hrefOf(endpoint, ...([input] as CallArgs<E>)), body, input?.signal, endpoint.access !== 'public');
  if (!endpoint.response) return undefined as ResponseOf<E>;
  const checked = endpoint.response.safeParse(data);
  if (!checked.success) {
    throw new ApiError({ code: 'unexpected', title: state.fallbackTitle('unexpected'), status: 200, detail: `${endpoint.operationId}: ${checked.error.message}` });
  }
  return checked.data as ResponseOf<E>;
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
