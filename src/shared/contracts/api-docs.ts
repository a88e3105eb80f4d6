import { endpoint } from './endpoint.ts';

/**
 * The API's own description, generated from every other contract (src/server/features/api-docs):
 * public, since it describes endpoints and schemas, never data.
 */
export const apiDocsApi = {
  document: endpoint({ operationId: 'getOpenApiDocument', method: 'GET', path: '/api/openapi.json', access: 'public', download: ['application/json'] }),
  reference: endpoint({ operationId: 'getApiReference', method: 'GET', path: '/api/docs', access: 'public', download: ['text/html'] }),
};
