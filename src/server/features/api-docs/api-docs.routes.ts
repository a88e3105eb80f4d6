import { createHash } from 'node:crypto';
import { apiDocsApi } from '../../../shared/contracts/api-docs.ts';
import type { App } from '../../lib/http.ts';
import { endpointsOf, routes } from '../../lib/route.ts';
import { openApiDocument } from './openapi.ts';

/**
 * Where the build puts the reference page's renderer (swagger-ui-dist, copied by vite.config.ts):
 * files of our own origin, since the Content-Security-Policy allows neither a CDN nor inline script.
 */
const referenceAssets = '/api-docs';

const referencePage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Relais API</title>
    <link rel="stylesheet" href="${referenceAssets}/swagger-ui.css">
  </head>
  <body>
    <div id="reference"></div>
    <script src="${referenceAssets}/swagger-ui-bundle.js"></script>
    <script src="${referenceAssets}/init.js"></script>
  </body>
</html>
`;

export function apiDocsRoutes(app: App, deps: { version: string; sessionCookie: string }) {
  // Built at the first request, once every route is registered: the document describes them all.
  let document: { body: string; etag: string } | undefined;
  const current = () => {
    if (!document) {
      const body = JSON.stringify(openApiDocument(endpointsOf(app), deps));
      document = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    }
    return document;
  };

  routes(app, apiDocsApi, {
    document: (request, reply) => {
      const { body, etag } = current();
      // Public and the same for everyone until the next release: shared caches may keep it, and revalidate by ETag.
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
    reference: (_request, reply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(referencePage),
  });
}
