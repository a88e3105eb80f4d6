import { vi } from 'vitest';
import type { CurrentUser } from '../../shared/contracts/auth.ts';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

export interface FakeResponse {
  status?: number;
  body?: unknown;
}

type Handler = (request: FakeRequest) => FakeResponse | Promise<FakeResponse>;

/** A problem+json answer as the real server words it. */
export function problem(status: number, code: string, title: string, extra: Record<string, unknown> = {}): FakeResponse {
  return { status, body: { type: `about:blank#${code}`, title, status, code, requestId: 'req-test', ...extra } };
}

/**
 * Stands in for the server at the `fetch` boundary: routes are `'GET /api/v1/users'`,
 * matched on method and path (`:id` segments allowed); every request is recorded.
 * An unrouted request answers 404 `route_not_found`, like the real server.
 */
export function fakeApi(routes: Record<string, Handler>) {
  const requests: FakeRequest[] = [];
  const table = Object.entries(routes).map(([key, handler]) => {
    const [method, pattern] = key.split(' ') as [string, string];
    const regex = new RegExp(`^${pattern.replace(/:[^/]+/g, '[^/]+')}$`);
    return { method, regex, handler };
  });

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input, 'http://relais.test');
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : (init.body ?? undefined),
    };
    requests.push(request);
    const route = table.find((r) => r.method === request.method && r.regex.test(request.path));
    const answer = route ? await route.handler(request) : problem(404, 'route_not_found', "Cette adresse d'API n'existe pas.");
    const status = answer.status ?? 200;
    const isProblem = status >= 400;
    return new Response(status === 204 ? null : JSON.stringify(answer.body ?? null), {
      status,
      headers: { 'Content-Type': isProblem ? 'application/problem+json' : 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  return {
    requests,
    /** The requests made to `METHOD path`, in order. */
    calls: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
  };
}


/** `GET /api/v1/auth/me` for a signed-in user, or 401 when signed out. */
export function meRoute(user: CurrentUser | null): Record<string, Handler> {
  return {
    'GET /api/v1/auth/me': () => (user ? { body: user } : problem(401, 'unauthenticated', 'Veuillez vous connecter.')),
  };
}
