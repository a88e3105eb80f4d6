import { compileErrors, validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTableOf } from '../../lib/route-table.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

/** No SQL of its own: the embedded database is enough. */
describe('the OpenAPI description and the API reference', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  }, 240_000);
  afterAll(() => t?.close());

  const documentOf = async () => {
    const response = await t.request(null, { method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode, response.body).toBe(200);
    return { response, document: response.json() };
  };

  it('is a valid OpenAPI 3.1 document, public and cacheable', async () => {
    const { response, document } = await documentOf();
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const result = await validate(structuredClone(document));
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);

    const again = await t.request(null, { method: 'GET', url: '/api/openapi.json', headers: { 'if-none-match': String(response.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('describes every route the server registered, with the schemas that validate it', async () => {
    const { document } = await documentOf();
    const table = routeTableOf(t.app);
    const undescribed = table
      .filter((r) => !document.paths[r.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(undescribed, 'routes missing from the OpenAPI document').toEqual([]);
    expect(table.filter((r) => r.url.startsWith('/api/v1/')).length).toBeGreaterThan(50);

    const operations = Object.values(document.paths as Record<string, Record<string, Operation>>).flatMap((byMethod) => Object.values(byMethod));
    expect(operations).toHaveLength(table.length);
    for (const route of table) {
      const operation = document.paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')][route.method.toLowerCase()] as Operation;
      const e = route.endpoint;
      expect(operation.operationId).toBe(e.operationId);
      expect(operation['x-relais-access']).toBe(e.access);
      // Every operation reads as a sentence in the reference, and says when a token may not call it.
      expect(operation.summary, e.operationId).toMatch(/^[A-Z]\S* \S/);
      expect(operation['x-relais-session-only'], e.operationId).toBe(e.sessionOnly);
      // Public operations need no session; the others inherit the document's `session` requirement.
      expect(operation.security, e.operationId).toEqual(e.access === 'public' ? [] : undefined);
      const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(inPath.sort(), e.operationId).toEqual(Object.keys(e.params?.shape ?? {}).sort());
      if (e.query)
        expect(
          (operation.parameters ?? []).some((p) => p.in === 'query'),
          e.operationId,
        ).toBe(true);
      if (e.body) expect(operation.requestBody?.content['application/json']?.schema, e.operationId).toBeDefined();
      if (e.upload) expect(operation.requestBody?.content['multipart/form-data']?.schema, e.operationId).toBeDefined();
      const success = operation.responses[String(e.status ?? 200)];
      expect(success, e.operationId).toBeDefined();
      if (e.response) expect(success!.content?.['application/json']?.schema, e.operationId).toBeDefined();
      if (e.download) expect(Object.keys(success!.content ?? {}), e.operationId).toEqual([...e.download]);
    }

    // Personal API tokens are described, as a bearer token and as the password of Basic credentials.
    expect(document.components.securitySchemes).toMatchObject({
      token: { type: 'http', scheme: 'bearer' },
      tokenAsPassword: { type: 'http', scheme: 'basic' },
    });
    expect(document.security).toEqual([{ token: [] }, { tokenAsPassword: [] }, { session: [] }]);
    expect((document.paths['/api/v1/gaps/{localityId}/{sector}/follow-ups'].get as Operation).summary).toBe('List gap follow ups');
    expect((document.paths['/api/v1/auth/tokens'].post as Operation)['x-relais-session-only']).toBe(true);

    // A request is described as sent (the default not yet applied), an answer as received.
    const listAlerts = document.paths['/api/v1/alerts'].get as Operation;
    expect(listAlerts.parameters!.find((p) => p.name === 'page')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, default: 1 },
    });
    expect(listAlerts.responses['200']!.content!['application/json']!.schema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['items', 'total']),
    });
  });

  it('serves the reference page with its renderer as files of the app, no inline script', async () => {
    const response = await t.request(null, { method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const scripts = [...response.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.map((s) => s[1])).toEqual([' src="/api-docs/swagger-ui-bundle.js"', ' src="/api-docs/init.js"']);
    expect(scripts.every((s) => s[2] === '')).toBe(true);
    expect(String(response.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
  });
});

interface Operation {
  operationId: string;
  summary: string;
  'x-relais-access': string;
  'x-relais-session-only'?: true;
  security?: unknown[];
  parameters?: { name: string; in: string; required: boolean; schema: unknown }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> } | undefined>;
}
