import * as z from 'zod';
import { idempotencyTtlSeconds } from '../../../domain/idempotency';
import { specLimits } from '../../../domain/report-spec';
import { scopes } from '../../../domain/caller';
import { idempotencyKeyMaxLength } from '../idempotency-key';
import { docsFiles } from '../routes/docs-files';
import { exampleIds, headerExamples, problemExamples, throttledExamples, tooManyRunsRetryAfterSeconds, type Examples } from './examples';
import { errorStatuses, operations, type Operation } from './operations';
import { gatewayMessageSchema, problemSchema } from './response-schemas';

/** An OpenAPI 3.1 document (only as typed as building it needs). */
export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, OpenApiOperation>> };
type OpenApiOperation = Record<string, unknown> & { responses: Record<string, unknown> };

/** A response header as the document describes it. */
interface Header {
  description: string;
  schema: Record<string, unknown>;
  example?: unknown;
}

const retryAfter = (description: string, example: number): Record<string, Header> => ({
  'Retry-After': { description, schema: { type: 'integer', minimum: 0 }, example },
});

/**
 * Named error responses (`components.responses`): problem+json, except API Gateway's own answer
 * to a throttled request. 405 is not among them: it answers methods the document does not list
 * (the description says so).
 */
const errorResponses: Record<string, { status: number; description: string; headers?: Record<string, Header>; gateway?: 'only' | 'also' }> = {
  BadRequest: {
    status: 400,
    description: 'Invalid input: malformed JSON, an invalid or unknown field or query parameter, a limit exceeded. `errors` lists every invalid field.',
  },
  Unauthorized: {
    status: 401,
    description: 'The bearer token is missing, expired or not valid.',
    headers: { 'WWW-Authenticate': { description: '`Bearer`', schema: { type: 'string' }, example: 'Bearer' } },
  },
  Forbidden: { status: 403, description: 'The token lacks the scope the operation needs (`requiredScope` names it).' },
  NotFound: { status: 404, description: 'No such resource for this caller: another owner’s resources answer 404, not 403.' },
  Conflict: {
    status: 409,
    description:
      'The resource is not in a state that allows this (not ready, running, being deleted, changed concurrently), or an Idempotency-Key was reused with another body. A conflict that resolves itself (`report-not-ready` of a queued or running run, `idempotency-key-in-use`) has `Retry-After`.',
    headers: retryAfter('Seconds after which asking again may succeed; only when the conflict resolves itself.', 5),
  },
  ContentTooLarge: { status: 413, description: 'The body is larger than the limit (named in the problem).' },
  UnsupportedMediaType: { status: 415, description: 'The body is not `application/json`.' },
  TooManyRequests: {
    status: 429,
    description:
      'Problem `too-many-runs` with `Retry-After`: the owner already has the most runs queued or running the deployment allows (MAX_QUEUED_RUNS_PER_OWNER); ask again once some have finished. On AWS also API Gateway’s throttling, with its own JSON body (`application/json`, not problem+json) and no `Retry-After` promised: back off with jitter and retry.',
    headers: retryAfter(
      `Seconds to wait before asking for another run (${tooManyRunsRetryAfterSeconds}); sent with \`too-many-runs\`. API Gateway’s throttling answer does not promise one.`,
      tooManyRunsRetryAfterSeconds,
    ),
    gateway: 'also',
  },
  Throttled: {
    status: 429,
    description:
      'On AWS: throttled by API Gateway (the stage’s rate and burst limits), with API Gateway’s own JSON body, not problem+json, and no `Retry-After` promised: back off with jitter and retry.',
    gateway: 'only',
  },
  InternalServerError: { status: 500, description: 'A fault on our side; it was logged.' },
  BadGateway: {
    status: 502,
    description:
      'A service behind the API refused for a reason of its own, not the caller’s to fix: EventBridge Scheduler a change (permissions, quotas), or the OpenStack cloud a request (credentials, permissions); it was logged.',
  },
  ServiceUnavailable: {
    status: 503,
    description: 'A dependency (queue, scheduler, storage) is unavailable; retry after `Retry-After` seconds.',
    headers: retryAfter('Seconds to wait.', 5),
  },
};

/** The name of the error response an operation answers `status` with. */
function errorResponseName(op: Operation, status: number): string {
  // Only operations that refuse new runs answer 429 themselves; on every other one it is API Gateway's.
  if (status === 429) return op.extraErrors?.includes(429) ? 'TooManyRequests' : 'Throttled';
  return Object.entries(errorResponses).find(([, r]) => r.status === status && !r.gateway)![0];
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  // `unrepresentable: 'any'`: a transform's output (price-list decimals) is documented as "any" rather than failing.
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function description(maxBodyBytes: number): string {
  return [
    'Readable PDF, CSV, JSON, HTML and Excel (xlsx) reports on OpenStack clouds: inventory, usage and estimated cost, on demand or on a schedule.',
    '',
    '**Authentication.** A bearer JWT on every operation except health, this document and the docs page. Scopes: ' +
      scopes.map((s) => `\`${s}\``).join(', ') +
      '. A caller sees and changes only its own reports and schedules (owner: the `sub` claim, or the claim the deployment configures); `admin` sees all. Another owner’s resource answers 404.',
    '',
    '**Errors** are RFC 9457 `application/problem+json` with a stable `type` (`urn:openstack-reports:problem:<code>`) and, for invalid input, `errors` listing every invalid field. ' +
      'An unknown path answers 404; a known path with another method answers 405 with `Allow`. ' +
      'Every answer carries `X-Request-Id` (API Gateway’s request id on AWS), and every problem repeats it as `requestId`: quote it when reporting a problem.',
    '',
    `**Limits.** Bodies up to ${maxBodyBytes} bytes (413 beyond); unknown fields and query parameters are refused; at most ${specLimits.projects} projects per report, ${specLimits.emailRecipients} e-mail recipients, and a period of at most ${specLimits.periodDays} days. ` +
      `\`Idempotency-Key\` (at most ${idempotencyKeyMaxLength} characters) is kept ${idempotencyTtlSeconds / 3600} hours per owner.`,
    '',
    '**Throttling.** On AWS, API Gateway throttles every route per stage (rate and burst limits of the deployment): a throttled request answers 429 with API Gateway’s own JSON body (`{"message":"Too Many Requests"}`, not problem+json) and no `Retry-After` promised; back off with jitter and retry. ' +
      'A new run (`POST /v1/reports`, `POST /v1/schedules/{id}/run`) is also refused with 429 problem `too-many-runs` and `Retry-After` while its owner has MAX_QUEUED_RUNS_PER_OWNER runs queued or running.',
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
  const id = path.startsWith('/v1/schedules/') ? exampleIds.schedule : exampleIds.costRun;
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) =>
    name === 'file'
      ? { name, in: 'path', required: true, schema: { type: 'string', enum: Object.keys(docsFiles) }, example: 'swagger-initializer.js' }
      : { name, in: 'path', required: true, description: 'Resource id.', schema: { type: 'string', pattern: '^[0-9A-Za-z_.-]{1,128}$' }, example: id },
  );
}

function operationObject(op: Operation): OpenApiOperation {
  const parameters = [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])];
  if (op.idempotent) parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  const success: Record<string, unknown> = { description: op.success.description };
  if (op.success.body) success.content = { 'application/json': { schema: ref(op.success.body.name), examples: op.success.body.examples } };
  else if (op.success.content) success.content = op.success.content;
  if (op.success.headers) {
    success.headers = Object.fromEntries(
      Object.entries(op.success.headers).map(([name, h]) => [name, { description: h.description, schema: { type: 'string' }, example: h.example }]),
    );
  }
  const responses: Record<string, unknown> = { [op.success.status]: success };
  if (op.alternative) {
    const body = op.success.body!;
    responses[op.alternative.status] = {
      description: op.alternative.description,
      content: { 'application/json': { schema: ref(body.name), examples: op.alternative.examples } },
    };
  }
  for (const status of errorStatuses(op)) responses[status] = { $ref: `#/components/responses/${errorResponseName(op, status)}` };
  const bodyTypes = op.method === 'patch' ? ['application/json', 'application/merge-patch+json'] : ['application/json'];
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.scope ? { security: [{ bearerAuth: [op.scope] }], 'x-required-scope': op.scope } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: Object.fromEntries(bodyTypes.map((t) => [t, { schema: ref(op.body!.name), examples: op.body!.examples }])) } }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the API, built from the operation list and the zod schemas the routes
 * validate with (request bodies and queries as they are accepted, responses as they are sent).
 */
export function openApiDocument(options: { maxBodyBytes: number }): OpenApiDocument {
  const schemas: Record<string, unknown> = { Problem: jsonSchema(problemSchema, 'output'), GatewayMessage: jsonSchema(gatewayMessageSchema, 'output') };
  const paths: OpenApiDocument['paths'] = {};
  for (const op of operations) {
    if (op.body) schemas[op.body.name] = jsonSchema(op.body.schema, 'input');
    if (op.success.body) schemas[op.success.body.name] = jsonSchema(op.success.body.schema, 'output');
    (paths[op.path] ??= {})[op.method] = operationObject(op);
  }
  const problems = problemExamples(options.maxBodyBytes);
  const responses = Object.fromEntries(
    Object.entries(errorResponses).map(([name, r]) => {
      const content: Record<string, { schema: unknown; examples: Examples }> = {};
      if (r.gateway !== 'only') content['application/problem+json'] = { schema: ref('Problem'), examples: problems[name]! };
      if (r.gateway) content['application/json'] = { schema: ref('GatewayMessage'), examples: throttledExamples };
      return [name, { description: r.description, ...(r.headers ? { headers: r.headers } : {}), content }];
    }),
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
          example: headerExamples.idempotencyKey,
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
