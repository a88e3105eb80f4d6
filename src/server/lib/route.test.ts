import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { endpointsOf } from './route.ts';

/** Routing only: no SQL of its own, so the embedded database is enough. */
describe('routes registered from their endpoint contracts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.close());

  it('gives each endpoint its own operationId and path, and schemas that convert to JSON Schema (for the OpenAPI description)', () => {
    const endpoints = endpointsOf(t.app);
    expect(endpoints.length).toBeGreaterThan(0);
    expect(new Set(endpoints.map((e) => e.operationId)).size).toBe(endpoints.length);
    expect(new Set(endpoints.map((e) => `${e.method} ${e.path}`)).size).toBe(endpoints.length);
    for (const e of endpoints) {
      for (const request of [e.params, e.query, e.body]) if (request) expect(() => z.toJSONSchema(request, { io: 'input' }), e.operationId).not.toThrow();
      if (e.response) expect(() => z.toJSONSchema(e.response!, { io: 'output' }), e.operationId).not.toThrow();
      expect(t.app.hasRoute({ method: e.method, url: e.path }), e.operationId).toBe(true);
    }
  });

  it('decides who may call before looking at the input: 401 signed out, 403 for a role without the permission, then 400', async () => {
    const url = '/api/v1/organisations/00000000-0000-4000-8000-000000000001';
    expect((await t.request(null, { method: 'PATCH', url, payload: {} })).statusCode).toBe(401);
    expect((await t.request(await t.login('viewer'), { method: 'PATCH', url, payload: {} })).statusCode).toBe(403);
    const admin = await t.request(await t.login('admin'), { method: 'PATCH', url, payload: {} });
    expect(admin.statusCode).toBe(400);
    expect(admin.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.version']);
  });
});
