import * as z from 'zod';
import { idempotencyTtlSeconds } from '../../../domain/idempotency';
import { specLimits } from '../../../domain/report-spec';
import { scopes } from '../../../domain/caller';
import { idempotencyKeyMaxLength } from '../idempotency-key';
import { docsFiles } from '../routes/docs-files';
import { errorStatuses, operations, type Operation } from './operations';
import { problemSchema } from './response-schemas';

/** An OpenAPI 3.1 document (only as typed as building it needs). */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, OpenApiOperation>> };
type OpenApiOperation = Record<string, unknown> & { responses: Record<string, unknown> };

/** Named error responses, one per status; each is problem+json. */
const errorResponses: Record<number, { name: string; description: string }> = {
  400: {
    name: 'BadRequest',
    description: 'Invalid input: malformed JSON, an invalid or unknown field or query parameter, a limit exceeded. `errors` lists every invalid field.',
  },
  401: { name: 'Unauthorized', description: 'The bearer token is missing, expired or not valid.' },
  403: { name: 'Forbidden', description: 'The token lacks the scope the operation needs.' },
  404: { name: 'NotFound', description: 'No such resource for this caller: another owner’s resources answer 404, not 403.' },
  405: { name: 'MethodNotAllowed', description: 'The path exists but not with this method; `Allow` lists the methods it has.' },
  409: {
    name: 'Conflict',
    description:
      'The resource is not in a state that allows this (not ready, running, being deleted, changed concurrently), or an Idempotency-Key was reused with another body.',
  },
  413: { name: 'ContentTooLarge', description: 'The body is larger than the limit (named in the problem).' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not `application/json`.' },
  429: {
    name: 'TooManyRequests',
    description:
      'Throttled by API Gateway (its own JSON body, not problem+json); or, for a new run, problem `too-many-runs` with `Retry-After`: the owner already has the most runs queued or running the deployment allows (MAX_QUEUED_RUNS_PER_OWNER).',
  },
  500: { name: 'InternalServerError', description: 'A fault on our side; it was logged.' },
  503: { name: 'ServiceUnavailable', description: 'A dependency (queue, scheduler, storage) is unavailable; retry after `Retry-After` seconds.' },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // `unrepresentable: 'any'`: a transform's output (price-list decimals) is documented as "any" rather than failing.
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function description(maxBodyBytes: number): string {
  return [
    'Readable PDF, CSV, JSON and HTML reports on OpenStack clouds: inventory, usage and estimated cost, on demand or on a schedule.',
    '',
    '**Authentication.** A bearer JWT on every operation except health, this document and the docs page. Scopes: ' +
      scopes.map((s) => `\`${s}\``).join(', ') +
      '. A caller sees and changes only its own reports and schedules (owner: the `sub` claim, or the claim the deployment configures); `admin` sees all. Another owner’s resource answers 404.',
    '',
    '**Errors** are RFC 9457 `application/problem+json` with a stable `type` (`urn:openstack-reports:problem:<code>`) and, for invalid input, `errors` listing every invalid field. ' +
      'An unknown path answers 404; a known path with another method answers 405 with `Allow`.',
    '',
    `**Limits.** Bodies up to ${maxBodyBytes} bytes (413 beyond); unknown fields and query parameters are refused; at most ${specLimits.projects} projects per report, ${specLimits.emailRecipients} e-mail recipients, and a period of at most ${specLimits.periodDays} days. ` +
      `\`Idempotency-Key\` (at most ${idempotencyKeyMaxLength} characters) is kept ${idempotencyTtlSeconds / 3600} hours per owner.`,
    '',
    '**Throttling** is applied by API Gateway per stage (rate and burst limits of the deployment); a throttled request answers 429.',
  ].join('\n');
}

function queryParameters(schema: z.ZodType): Record<string, unknown>[] {
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    required: s.required?.includes(name) ?? false,
    ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
    schema: prop,
  }));
}

function pathParameters(path: string): Record<string, unknown>[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) =>
    name === 'file'
      ? { name, in: 'path', required: true, schema: { type: 'string', enum: Object.keys(docsFiles) } }
      : { name, in: 'path', required: true, description: 'Resource id.', schema: { type: 'string', pattern: '^[0-9A-Za-z_.-]{1,128}$' } },
  );
}

function operationObject(op: Operation): OpenApiOperation {
  const parameters = [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])];
  if (op.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  const success: Record<string, unknown> = { description: op.success.description };
  if (op.success.body) success.content = { 'application/json': { schema: ref(op.success.body.name) } };
  else if (op.success.contentType) success.content = { [op.success.contentType]: {} };
  if (op.success.headers) {
    success.headers = Object.fromEntries(Object.entries(op.success.headers).map(([name, text]) => [name, { description: text, schema: { type: 'string' } }]));
  }
  const responses: Record<string, unknown> = { [op.success.status]: success };
  if (op.alternative) responses[op.alternative.status] = { ...success, description: op.alternative.description };
  for (const status of errorStatuses(op)) responses[status] = { $ref: `#/components/responses/${errorResponses[status]!.name}` };
  const bodyTypes = op.method === 'patch' ? ['application/json', 'application/merge-patch+json'] : ['application/json'];
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.scope ? { security: [{ bearerAuth: [op.scope] }], 'x-required-scope': op.scope } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: Object.fromEntries(bodyTypes.map((t) => [t, { schema: ref(op.body!.name) }])) } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the API, built from the operation list and the zod schemas the routes
 * validate with (request bodies and queries as they are accepted, responses as they are sent).
 */
export function openApiDocument(options: { maxBodyBytes: number }): OpenApiDocument {
  const schemas: Record<string, unknown> = { Problem: jsonSchema(problemSchema, 'output') };
  const paths: OpenApiDocument['paths'] = {};
  for (const op of operations) {
    if (op.body) schemas[op.body.name] = jsonSchema(op.body.schema, 'input');
    if (op.success.body) schemas[op.success.body.name] = jsonSchema(op.success.body.schema, 'output');
    (paths[op.path] ??= {})[op.method] = operationObject(op);
  }
  const responses = Object.fromEntries(
    Object.entries(errorResponses).map(([status, r]) => [
      r.name,
      {
        description: r.description,
        ...(Number(status) === 401 ? { headers: { 'WWW-Authenticate': { description: '`Bearer`', schema: { type: 'string' } } } } : {}),
        ...(Number(status) === 405 ? { headers: { Allow: { description: 'The methods the path has.', schema: { type: 'string' } } } } : {}),
        ...(Number(status) === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } } : {}),
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'openstack-reports API',
      version: '1',
      description: description(options.maxBodyBytes),
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: [
      { name: 'reports', description: 'Report runs: request, poll, download, delete.' },
      { name: 'schedules', description: 'Reports on a schedule (EventBridge Scheduler expressions).' },
      { name: 'service', description: 'Health and documentation; no authentication.' },
    ],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas,
      responses,
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: `Repeating the request with the same key and body returns the same resource for ${idempotencyTtlSeconds / 3600} h; the same key with another body is a 409. Keys are per owner.`,
          schema: { type: 'string', minLength: 1, maxLength: idempotencyKeyMaxLength },
        },
      },
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `A JWT whose \`scope\` (or \`scp\`) claim grants some of: ${scopes.join(', ')}. On AWS, API Gateway verifies it against the configured issuer.`,
        },
      },
    },
  };
}
