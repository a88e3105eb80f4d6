import { z } from 'zod';
import { problemSchema } from '../../../shared/contracts/common.ts';
import type { EndpointSpec } from '../../../shared/contracts/endpoint.ts';

type JsonSchema = Record<string, unknown>;

/**
 * The OpenAPI 3.1 description of the endpoints an app serves, generated from their contracts: the
 * same zod schemas that validate requests and strip answers, so the description cannot drift from
 * the code. OpenAPI 3.1 schemas are JSON Schema 2020-12, zod's default target.
 */
export function openApiDocument(endpoints: readonly EndpointSpec[], info: { version: string; sessionCookie: string }) {
  const components: Record<string, JsonSchema> = { Problem: jsonSchema(problemSchema, 'output', 'Problem', {}) };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const path = e.path.replace(/:([A-Za-z]+)/g, '{$1}');
    (paths[path] ??= {})[e.method.toLowerCase()] = operationOf(e, components);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Relais API',
      version: info.version,
      description: [
        'The API of Relais, the information platform of the post-RRM humanitarian coordination in Mali; the web app uses nothing else.',
        "Scripts and other systems use a **personal API token**: create one on your account page in Relais (read-only, or with the same rights as your account; it expires after 90 days by default, a year at most), then send it as `Authorization: Bearer relais_…`, with neither cookie nor CSRF header. A read-only token is refused every request but GET (403 `token_read_only`); a few operations stay a signed-in person's own act (`x-relais-session-only`: a new token, a password change, the personal data of beneficiary lists). Each token may make a limited number of requests a minute (429 with `Retry-After` beyond); every request made with it is recorded in the audit trail with its account and the token. Spreadsheet tools that only know user name and password (Excel, Power BI) may send the token as the password of Basic credentials.",
        `The web app signs in with \`login\` (\`POST /api/v1/auth/login\`): the answer sets the \`${info.sessionCookie}\` cookie and gives a \`csrfToken\`, sent back as the \`X-CSRF-Token\` header on every request that changes something.`,
        'The HXL feeds (`/api/v1/feeds/…`) give aggregated figures as HXL-tagged CSV for Excel, Power BI, the HXL Proxy and HDX; they answer `ETag` and `Last-Modified`, and 304 to a conditional request.',
        'Each operation states in `x-relais-access` who may call it: `public`, `signedIn`, or the permission a role must hold; record-level rules (own organisation, own region) answer 403 on the record.',
        "Errors are RFC 9457 problem details (`application/problem+json`) in the caller's language (`Accept-Language: fr` or `en`).",
      ].join('\n\n'),
    },
    tags: [...new Set(endpoints.map(tagOf))].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        token: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token (`relais_…`) created on the account page: `Authorization: Bearer relais_…`.',
        },
        tokenAsPassword: {
          type: 'http',
          scheme: 'basic',
          description: 'The same token as the password of Basic credentials (any user name), for tools that only offer user name and password.',
        },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: info.sessionCookie,
          description: 'The session cookie set by `loginWithPassword`; requests that change something also carry `X-CSRF-Token`.',
        },
      },
    },
    security: [{ token: [] }, { tokenAsPassword: [] }, { session: [] }],
  };
}

function operationOf(e: EndpointSpec, components: Record<string, JsonSchema>) {
  const parameters = [...parametersOf(e, 'path', components), ...parametersOf(e, 'query', components)];
  const status = String(e.status ?? 200);
  const success = e.download
    ? { description: 'The file', content: Object.fromEntries(e.download.map((type) => [type, {}])) }
    : e.response
      ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(e.response, 'output', e.operationId, components) } } }
      : { description: 'No content' };
  return {
    operationId: e.operationId,
    summary: e.summary ?? summaryOf(e.operationId),
    tags: [tagOf(e)],
    'x-relais-access': e.access,
    ...(e.sessionOnly
      ? { 'x-relais-session-only': true, description: 'Refused to an API token (403 `token_not_allowed`): only a person signed in to the web app may do this.' }
      : {}),
    ...(e.access === 'public' ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(e.body, 'input', e.operationId, components) } } } } : {}),
    ...(e.upload
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } }, required: ['file'] },
              },
            },
          },
        }
      : {}),
    responses: {
      [status]: success,
      default: { description: 'An error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    },
  };
}

/** Path and query parameters one by one, as OpenAPI wants them, from the object schema that validates them all. */
function parametersOf(e: EndpointSpec, where: 'path' | 'query', components: Record<string, JsonSchema>) {
  const schema = where === 'path' ? e.params : e.query;
  if (!schema) return [];
  const json = jsonSchema(schema, 'input', e.operationId, components) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/**
 * A request's schema as the caller sends it (`input`: before defaults and transforms), an answer's
 * as the server sends it (`output`). A check zod cannot express in JSON Schema (a refinement's
 * function) is left out rather than failing the whole document. Shared definitions zod puts under
 * `$defs` (recursive schemas) move to `components.schemas`: inside an OpenAPI document a `#/$defs/…`
 * reference would point at the document's root.
 */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output', owner: string, components: Record<string, JsonSchema>): JsonSchema {
  const { $schema: _, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  if (!$defs) return json;
  const renamed = (name: string) => `${owner}_${io}_${name}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        key,
        key === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? `#/components/schemas/${renamed(v.slice('#/$defs/'.length))}` : rewrite(v),
      ]),
    );
  };
  for (const [name, definition] of Object.entries($defs)) components[renamed(name)] = rewrite(definition) as JsonSchema;
  return rewrite(json) as JsonSchema;
}

/** An operation's one-line summary when its contract gives none: its operationId in words (`listGapFollowUps` → "List gap follow ups"). */
function summaryOf(operationId: string): string {
  const words = operationId
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bopen api\b/g, 'OpenAPI')
    .replace(/\b(api|pdf|rrm)\b/g, (acronym) => acronym.toUpperCase());
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Operations grouped by the resource their path names (`/api/v1/alerts/…` → `alerts`). */
function tagOf(e: EndpointSpec): string {
  return /^\/api\/v1\/([^/]+)/.exec(e.path)?.[1] ?? 'platform';
}
