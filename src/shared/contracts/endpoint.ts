import type { z } from 'zod';
import type { Action } from '../permissions.ts';

/**
 * One HTTP endpoint, declared once for the server (registration, validation, permission), the web
 * (typed and validated calls, download links) and the OpenAPI description. See README.md here.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call, decided before any input is validated: `public` (no session), `signedIn` (any
 * signed-in user), or an action of the role map the caller's role must hold at some scope.
 * Record-level rules (own organisation, own region) stay in the service, which knows the record.
 */
export type Access = 'public' | 'signedIn' | Action;

export interface EndpointSpec {
  /** Unique across the API, camelCase verb first (`listOrganisations`): the OpenAPI operationId. */
  operationId: string;
  method: HttpMethod;
  /** Fastify style: `/api/v1/organisations/:id`; every `:name` is a key of `params`. */
  path: `/api/${string}`;
  access: Access;
  /**
   * Refused to a personal API token (403 `token_not_allowed`) even when its account may call it:
   * what must stay a person's own act in the browser (a new token, a password, the personal data
   * of beneficiary lists).
   */
  sessionOnly?: true;
  /** One line for the API reference; by default the operationId in words (`listOrganisations` → "List organisations"). */
  summary?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** A JSON body. */
  body?: z.ZodType;
  /** The request is `multipart/form-data` with one file under `file` (options travel in `query`). */
  upload?: true;
  /** The JSON answer; absent when the endpoint answers a file (`download`) or nothing (204). */
  response?: z.ZodType;
  /** The answer is a file download of one of these media types, not JSON. */
  download?: readonly string[];
  /** 200 by default; 201 for a creation, 204 when nothing is returned. */
  status?: 200 | 201 | 204;
}

/**
 * Declares an endpoint; keeps its literal types so both sides infer from it. Checks at load time
 * what types cannot: the path's `:params` are exactly the declared ones.
 */
export function endpoint<const E extends EndpointSpec>(spec: E): E {
  const inPath = [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
  const declared = Object.keys(spec.params?.shape ?? {}).sort();
  if (inPath.join() !== declared.join()) throw new Error(`${spec.operationId}: path parameters ${inPath.join()} ≠ params ${declared.join()}`);
  if (spec.response && (spec.download || spec.status === 204)) throw new Error(`${spec.operationId}: a JSON response with a file or no content`);
  return Object.freeze(spec);
}

type Output<S> = S extends z.ZodType ? z.output<S> : never;
type Input<S> = S extends z.ZodType ? z.input<S> : never;

/** What the server's handler receives once validated. */
export type ParamsOf<E extends EndpointSpec> = E['params'] extends z.ZodType ? Output<E['params']> : Record<string, never>;
export type QueryOf<E extends EndpointSpec> = E['query'] extends z.ZodType ? Output<E['query']> : Record<string, never>;
export type BodyOf<E extends EndpointSpec> = E['body'] extends z.ZodType ? Output<E['body']> : undefined;

/** What a caller sends before validation (defaults not yet applied). */
export type ParamsInputOf<E extends EndpointSpec> = Input<E['params']>;
export type QueryInputOf<E extends EndpointSpec> = Input<E['query']>;
export type BodyInputOf<E extends EndpointSpec> = Input<E['body']>;

/** The JSON answer (`void` for a download or 204). */
export type ResponseOf<E extends EndpointSpec> = E['response'] extends z.ZodType ? Output<E['response']> : void;
