/**
 * The examples of the OpenAPI document: every operation has them, and each one is what the API
 * accepts or sends, checked by parsing it with the zod schema the document's JSON Schema comes from
 * (`openapi-lint.test.ts` also checks them against that JSON Schema, through Redocly).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { nextFireTimes } from '../../src/domain/schedules/fire-times';
import { exampleIds, problemExamples, requestExamples, responseExamples, throttledExamples, type Examples } from '../../src/handlers/api/openapi/examples';
import { operations } from '../../src/handlers/api/openapi/operations';
import { gatewayMessageSchema, problemSchema } from '../../src/handlers/api/openapi/response-schemas';
import { summarizeReport } from '../../src/report-engine';
import { reportDataSchema } from '../../src/report-engine/report-data';
import { apiFakeApp } from '../helpers/api-fakes';

type MediaType = { schema?: { $ref?: string }; examples?: Examples };
type Header = { example?: unknown };
type Response = { $ref?: string; content?: Record<string, MediaType>; headers?: Record<string, Header> };
type Doc = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, MediaType> }; responses: Record<string, Response> }>>;
  components: { responses: Record<string, Response> };
};

async function fetchDoc(): Promise<Doc> {
  const res = await apiFakeApp().app.request('http://api.test/v1/openapi.json');
  return (await res.json()) as Doc;
}

/** Parses an example with the schema it illustrates; the failure names the example and every issue. */
function expectParses(schema: z.ZodType, example: unknown, label: string): unknown {
  const result = schema.safeParse(example);
  const issues = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  expect(issues, `${label}:\n${issues.join('\n')}`).toEqual([]);
  return result.data;
}

const label = (op: (typeof operations)[number]) => `${op.method.toUpperCase()} ${op.path}`;

describe('the examples of the OpenAPI document', () => {
  it.each(operations.filter((op) => op.body).map((op) => [label(op), op] as const))('%s: each request example is a valid body', (_l, op) => {
    const examples = Object.entries(op.body!.examples);
    expect(examples.length).toBeGreaterThan(0);
    for (const [name, example] of examples) expectParses(op.body!.schema, example.value, `${label(op)} request example ${name}`);
  });

  it.each(operations.filter((op) => op.success.body).map((op) => [label(op), op] as const))(
    '%s: each response example is a body the API sends, to the letter',
    (_l, op) => {
      const body = op.success.body!;
      const examples = [...Object.entries(body.examples), ...Object.entries(op.alternative?.examples ?? {})];
      expect(examples.length).toBeGreaterThan(0);
      for (const [name, example] of examples) {
        // Response schemas drop unknown keys rather than refuse them: equality catches one that is not in the schema.
        expect(expectParses(body.schema, example.value, `${label(op)} response example ${name}`), name).toEqual(example.value);
      }
    },
  );

  it('every request body and every success response with a body has examples in the served document, and every header an example', async () => {
    const doc = await fetchDoc();
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) if (!media.examples) missing.push(`${where} request ${type}`);
        for (const [status, response] of Object.entries(op.responses)) {
          if (response.$ref) continue;
          // Style sheets and icons are Swagger UI's own files: no example to show.
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (!media.examples && !['text/css', 'image/png'].includes(type)) missing.push(`${where} ${status} ${type}`);
          }
          for (const [name, header] of Object.entries(response.headers ?? {}))
            if (header.example === undefined) missing.push(`${where} ${status} header ${name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every error response has examples: problems with its status, API Gateway answers as API Gateway sends them', async () => {
    const doc = await fetchDoc();
    const responses = Object.entries(doc.components.responses);
    expect(responses.map(([name]) => name)).toEqual(expect.arrayContaining(['BadRequest', 'TooManyRequests', 'Throttled']));
    for (const [name, response] of responses) {
      for (const [type, media] of Object.entries(response.content!)) {
        const examples = Object.entries(media.examples ?? {});
        expect(examples.length, `${name} ${type}`).toBeGreaterThan(0);
        for (const [exampleName, example] of examples) {
          const where = `${name} ${type} example ${exampleName}`;
          if (type === 'application/json') {
            expect(expectParses(gatewayMessageSchema, example.value, where)).toEqual({ message: 'Too Many Requests' });
            continue;
          }
          const problem = expectParses(problemSchema, example.value, where) as z.output<typeof problemSchema>;
          expect(problem.type, where).toMatch(/^urn:openstack-reports:problem:[a-z-]+$/);
          const status = Object.values(doc.paths)
            .flatMap((item) => Object.values(item))
            .flatMap((op) => Object.entries(op.responses))
            .find(([, r]) => r.$ref === `#/components/responses/${name}`)?.[0];
          expect(String(problem.status), where).toBe(status);
        }
      }
    }
  });

  it('shows every invalid field of a 400, with the body limit the document states', () => {
    const examples = problemExamples(262_144);
    expect(Object.keys(examples.BadRequest!)).toEqual(expect.arrayContaining(['invalidFields', 'invalidQuery', 'malformedJson']));
    expect(examples.ContentTooLarge!.tooLarge!.value).toMatchObject({ status: 413, limit: 262_144 });
    expect(throttledExamples.throttled.value).toEqual({ message: 'Too Many Requests' });
  });

  it('shows a JSON snapshot that is the schema version 1 snapshot of the listed inventory run', () => {
    const snapshot = responseExamples.getReportData.inventory.value;
    const data = expectParses(reportDataSchema, snapshot, 'GET /v1/reports/{id}/data example');
    const run = responseExamples.listReports.page.value.items.find((r) => r.id === exampleIds.inventoryRun)!;
    expect(snapshot.runId).toBe(run.id);
    expect(summarizeReport(data as z.output<typeof reportDataSchema>)).toEqual(run.summary);
  });

  it('shows the fire times the schedule really has: Mondays at 08:00 in Berlin', () => {
    const schedule = responseExamples.createSchedule.created.value;
    expect(schedule).toMatchObject({ expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/Berlin' });
    const times = nextFireTimes(schedule.expression, {
      timezone: schedule.timezone,
      after: new Date(schedule.createdAt),
      count: 5,
      createdAt: new Date(schedule.createdAt),
    });
    expect(schedule.nextFireTimes).toEqual(times.map((d) => d.toISOString()));
    // The request that made it, and the report it runs.
    expect(requestExamples.createSchedule.weekly.value).toMatchObject({ expression: schedule.expression, timezone: schedule.timezone });
    expect(requestExamples.createReport.cost.value).toMatchObject({
      type: 'cost',
      period: { preset: 'last-month' },
      scope: { projectNames: ['demo', 'admin'] },
    });
  });
});
