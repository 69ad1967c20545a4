import { Validator } from '@seriousme/openapi-schema-validator';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorStatuses, operations } from '../../src/handlers/api/openapi/operations';
import { createReportBodySchema } from '../../src/domain/report-spec';
import { createScheduleBodySchema, updateScheduleBodySchema } from '../../src/domain/schedules/schedule';
import { apiFakeApp } from '../helpers/api-fakes';

type Doc = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }>; requestBody?: unknown; security?: unknown[] }>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    responses: Record<string, { content: Record<string, unknown>; headers?: Record<string, { schema: unknown; description: string }> }>;
  };
};

const { app } = apiFakeApp();

async function fetchDoc(): Promise<Doc> {
  const res = await app.request('http://api.test/v1/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

/** Every route the app registers (middleware has method ALL), with OpenAPI-style paths. */
function appRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => ({ method: r.method.toLowerCase(), path: r.path.replace(/:(\w+)/g, '{$1}') }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const doc = await fetchDoc();
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('names the server the request reached', async () => {
    expect((await fetchDoc()).servers).toEqual([{ url: 'http://api.test' }]);
  });

  it('lists every route of the app, and only those', async () => {
    const doc = await fetchDoc();
    const routes = appRoutes();
    for (const r of routes) expect(doc.paths[r.path]?.[r.method], `${r.method.toUpperCase()} ${r.path}`).toBeDefined();
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it.each(appRoutes().filter((r) => !/health|openapi|docs/.test(r.path)))(
    'documents the error responses of $method $path as problem+json',
    async ({ method, path }) => {
      const doc = await fetchDoc();
      const op = doc.paths[path]![method]!;
      const expected = ['400', '401', '403', '500'];
      if (path.includes('{')) expected.push('404');
      if (op.requestBody) expected.push('413', '415');
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(expected));
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const name = response.$ref!.split('/').pop()!;
        // A 429 may come from API Gateway's throttling, which answers with its own JSON body.
        const types = status === '429' ? expect.arrayContaining(['application/json']) : ['application/problem+json'];
        expect(Object.keys(doc.components.responses[name]!.content)).toEqual(types);
      }
      expect(op.security).toEqual([{ bearerAuth: [expect.stringMatching(/^(reports|schedules):(read|write)$/)] }]);
    },
  );

  it('documents a 409 wherever the API can answer one', () => {
    const conflicting = [
      'post /v1/reports',
      'get /v1/reports/{id}/download',
      'get /v1/reports/{id}/data',
      'delete /v1/reports/{id}',
      'put /v1/schedules/{id}',
      'patch /v1/schedules/{id}',
      'delete /v1/schedules/{id}',
      'post /v1/schedules/{id}/run',
    ];
    for (const op of operations) expect(errorStatuses(op).includes(409), `${op.method} ${op.path}`).toBe(conflicting.includes(`${op.method} ${op.path}`));
  });

  it('documents 429 on every operation (API Gateway throttles every route), with too-many-runs and Retry-After where new runs are refused', async () => {
    const doc = await fetchDoc();
    const refusingRuns = ['post /v1/reports', 'post /v1/schedules/{id}/run'];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const expected = refusingRuns.includes(`${method} ${path}`) ? 'TooManyRequests' : 'Throttled';
        expect(op.responses['429']?.$ref, `${method} ${path}`).toBe(`#/components/responses/${expected}`);
      }
    }
    const { TooManyRequests, Throttled } = doc.components.responses;
    expect(Object.keys(TooManyRequests!.content).sort()).toEqual(['application/json', 'application/problem+json']);
    expect(TooManyRequests!.headers!['Retry-After']).toMatchObject({ schema: { type: 'integer', minimum: 0 }, example: 30 });
    expect(Object.keys(Throttled!.content)).toEqual(['application/json']);
    expect(doc.components.schemas.GatewayMessage).toMatchObject({ required: ['message'] });
  });

  it('takes its request bodies from the zod schemas the routes validate with', async () => {
    const doc = await fetchDoc();
    const generated = (schema: z.ZodType) => {
      const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      delete out.$schema;
      return out;
    };
    expect(doc.components.schemas.CreateReportBody).toEqual(generated(createReportBodySchema));
    expect(doc.components.schemas.CreateScheduleBody).toEqual(generated(createScheduleBodySchema));
    expect(doc.components.schemas.UpdateScheduleBody).toEqual(generated(updateScheduleBodySchema));
    // Unknown fields are refused, and the document says so.
    expect(doc.components.schemas.CreateReportBody!.additionalProperties).toBe(false);
  });

  it('lists query parameters from the query schemas, refusing unknown ones', async () => {
    const doc = await fetchDoc();
    const list = doc.paths['/v1/reports']!.get as unknown as { parameters: { name: string; in: string }[] };
    expect(list.parameters.map((p) => p.name).sort()).toEqual(['createdFrom', 'createdTo', 'cursor', 'limit', 'scheduleId', 'status', 'type']);
    const download = doc.paths['/v1/reports/{id}/download']!.get as unknown as { parameters: { name: string; in: string }[] };
    expect(download.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id', 'query:format', 'query:expiresIn']);
  });
});

describe('the Swagger UI page', () => {
  it('is served without authentication and loads nothing from another origin', async () => {
    const res = await app.request('/v1/docs');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain('src="docs/swagger-ui-bundle.js"');
  });

  it.each(['swagger-ui-bundle.js', 'swagger-ui.css', 'index.css', 'favicon-32x32.png'])('serves %s from the swagger-ui-dist package', async (file) => {
    const res = await app.request(`/v1/docs/${file}`);
    expect(res.status).toBe(200);
    // Buffer.equals: toEqual walks a 1.4 MB array element by element.
    expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(join(swaggerUiDir, file)))).toBe(true);
  });

  it('points Swagger UI at our document and not at the public validator', async () => {
    const js = await (await app.request('/v1/docs/swagger-initializer.js')).text();
    expect(js).toContain("url: 'openapi.json'");
    expect(js).toContain('validatorUrl: null');
  });

  it.each(['package.json', '..%2Fpackage.json', 'swagger-ui.js.map', 'index.html'])('answers 404 for %s', async (file) => {
    const res = await app.request(`/v1/docs/${file}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
