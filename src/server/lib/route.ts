import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BodyOf, EndpointSpec, ParamsOf, QueryOf, ResponseOf } from '../../shared/contracts/endpoint.ts';
import { requireRouteAccess } from './access.ts';
import { cleanRequestText } from './request-text.ts';
import type { App } from './http.ts';

/** The request a handler receives: params, query and body validated and typed by the endpoint's contract. */
export type RouteRequest<E extends EndpointSpec> = FastifyRequest<{ Params: ParamsOf<E>; Querystring: QueryOf<E>; Body: BodyOf<E> }>;

/**
 * A JSON endpoint's handler returns its answer (the status code comes from the contract), or the
 * reply when it answered itself (a conditional GET's 304); a download's sends the file on `reply`
 * and returns it; a 204's returns nothing.
 */
export type RouteHandler<E extends EndpointSpec> = (
  request: RouteRequest<E>,
  reply: FastifyReply,
) => E['download'] extends readonly string[] ? Promise<FastifyReply> | FastifyReply : Promise<ResponseOf<E> | FastifyReply> | ResponseOf<E> | FastifyReply;

/** Server-only settings of one route (the contract stays free of them). */
export interface RouteOptions {
  rateLimit?: { max: number; timeWindow: string };
}

/** What each route keeps in its Fastify `config`: the route table then knows every route's contract. */
export interface RouteConfig {
  endpoint: EndpointSpec;
}

const registered = new WeakMap<App, EndpointSpec[]>();

/** The contracts this app serves, in registration order: the source of the OpenAPI description and of the route × role checks. */
export function endpointsOf(app: App): readonly EndpointSpec[] {
  return registered.get(app) ?? [];
}

/**
 * Registers one endpoint from its contract: schemas for validation and for the response
 * (undeclared fields are stripped), the permission decided in `preValidation` so a caller who may
 * not act at all gets 401/403 before anything about their input, and the contract's status code.
 */
export function route<E extends EndpointSpec>(app: App, endpoint: E, handler: RouteHandler<E>, options: RouteOptions = {}): void {
  const status = endpoint.status ?? 200;
  registered.set(app, [...endpointsOf(app), endpoint]);
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    // Only the parts declared: Fastify warns about a schema key present but empty.
    schema: Object.fromEntries(
      Object.entries({
        params: endpoint.params,
        querystring: endpoint.query,
        body: endpoint.body,
        response: endpoint.response && { [status]: endpoint.response },
      }).filter(([, schema]) => schema !== undefined),
    ),
    config: { endpoint, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) } satisfies RouteConfig & RouteOptions,
    preValidation: async (request) => {
      requireRouteAccess(request, endpoint);
      // After the permission, before validation: every route's text cleaned the same way (lib/request-text.ts).
      cleanRequestText(request);
    },
    handler: async (request, reply) => {
      const result = await handler(request as unknown as RouteRequest<E>, reply);
      if (endpoint.download || result === reply) return reply;
      if (status === 204) return reply.code(204).send();
      return reply.code(status).send(result);
    },
  });
}

type Handlers<C extends Record<string, EndpointSpec>> = { [K in keyof C]: RouteHandler<C[K]> };

/**
 * Registers every endpoint of a feature's contract; the compiler refuses a contract entry without
 * its handler. Per-route server options (rate limits) go in `options`.
 */
export function routes<C extends Record<string, EndpointSpec>>(app: App, contract: C, handlers: Handlers<C>, options: { [K in keyof C]?: RouteOptions } = {}): void {
  for (const key of Object.keys(contract) as (keyof C & string)[]) route(app, contract[key], handlers[key], options[key]);
}
