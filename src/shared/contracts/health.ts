import { z } from 'zod';
import { endpoint } from './endpoint.ts';

export const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
});

export const healthApi = {
  check: endpoint({ operationId: 'checkHealth', method: 'GET', path: '/api/health', access: 'public', response: healthResponse }),
};
