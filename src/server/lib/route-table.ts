import type { Access, EndpointSpec } from '../../shared/contracts/endpoint.ts';
import type { App } from './http.ts';
import type { RouteConfig } from './route.ts';

/** One API route as the server registered it, with who may call it. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  endpoint: EndpointSpec;
}

const tables = new WeakMap<App, RouteEntry[]>();

/** Every API route of this app (HEAD twins of GET routes left out), in registration order: the source of the route × role test. */
export function routeTableOf(app: App): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}

/**
 * Watches every route the app registers: an API route must be declared as an endpoint contract
 * (which says who may call it, checked by `route` before validation), else the server refuses to start.
 */
export function guardRoutes(app: App): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (options) => {
    if (!options.url.startsWith('/api/')) return;
    const endpoint = (options.config as Partial<RouteConfig> | undefined)?.endpoint;
    if (!endpoint) throw new Error(`${String(options.method)} ${options.url}: not declared as an endpoint contract (src/shared/contracts, registered with lib/route.ts)`);
    // Fastify adds a HEAD twin to each GET route: it answers like the GET, under the GET's rule.
    if (([] as string[]).concat(options.method).includes('HEAD')) return;
    table.push({ method: endpoint.method, url: options.url, access: endpoint.access, endpoint });
  });
}
