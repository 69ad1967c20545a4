import { describe, expect, it } from 'vitest';
import type { ReportRun } from '../../src/domain/report-run';
import { reportRunSchema } from '../../src/handlers/api/openapi/response-schemas';
import { expectProblem, useApiRuntime } from '../helpers/api-runtime';

describe('GET /v1/reports/{id}/data for every run, through the local runtime', () => {
  const ctx = useApiRuntime();

  async function finished(body: Record<string, unknown>) {
    const res = await ctx.api.call('POST', '/v1/reports', { token: ctx.alice, body });
    return reportRunSchema.parse(await ctx.api.waitForRun(ctx.alice, ((await res.json()) as { id: string }).id));
  }

  it('answers the JSON snapshot of a run rendered without "json" among its formats, and DELETE removes it', async () => {
    const run = await finished({ type: 'inventory', formats: ['csv'] });
    expect(run.status).toBe('succeeded');
    expect(run.artifacts.map((a) => a.format)).toEqual(['csv']);
    expect(run.links.data).toBe(`${ctx.api.url}/v1/reports/${run.id}/data`);

    const res = await ctx.api.call('GET', `/v1/reports/${run.id}/data`, { token: ctx.alice });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const data = (await res.json()) as { type: string };
    expect(data.type).toBe('inventory');
    expect(JSON.stringify(data)).toContain('alpha');

    const key = (await ctx.api.rt.deps.runs.get(run.id))!.dataKey!;
    expect(key).toBe(`reports/${run.id}/data.json`);
    expect(await ctx.api.rt.deps.artifacts.get(key)).toBeDefined();
    expect((await ctx.api.call('DELETE', `/v1/reports/${run.id}`, { token: ctx.alice })).status).toBe(204);
    expect(await ctx.api.rt.deps.artifacts.get(key)).toBeUndefined();
  });

  it('keeps one snapshot when JSON was asked for: the json artifact', async () => {
    const run = await finished({ type: 'inventory', formats: ['pdf', 'json'] });
    const stored = (await ctx.api.rt.deps.runs.get(run.id))!;
    expect(stored.dataKey).toBe(stored.artifacts.find((a) => a.format === 'json')!.key);
    expect((await ctx.api.call('GET', `/v1/reports/${run.id}/data`, { token: ctx.alice })).status).toBe(200);
  });

  async function storedRun(status: ReportRun['status']): Promise<string> {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    await ctx.api.rt.deps.runs.create({
      id,
      owner: 'alice',
      type: 'inventory',
      status,
      spec: { type: 'inventory', formats: ['pdf'], locale: 'en', theme: 'default', wasteShutoffDays: 30, accessiblePdf: false },
      createdAt: now,
      updatedAt: now,
      attempts: 1,
      artifacts: [],
      stages: [],
    });
    return id;
  }

  it('answers 404 with the reason for a run that can never have data, 409 with Retry-After only while it can still change', async () => {
    const failed = await expectProblem(
      await ctx.api.call('GET', `/v1/reports/${await storedRun('failed')}/data`, { token: ctx.alice }),
      404,
      'report-has-no-data',
    );
    expect(failed.detail).toContain('failed');

    const old = await expectProblem(
      await ctx.api.call('GET', `/v1/reports/${await storedRun('succeeded')}/data`, { token: ctx.alice }),
      404,
      'report-has-no-data',
    );
    expect(old.detail).toContain('request it again');

    const queued = await ctx.api.call('GET', `/v1/reports/${await storedRun('queued')}/data`, { token: ctx.alice });
    expect(queued.headers.get('retry-after')).toBe('5');
    await expectProblem(queued, 409, 'report-not-ready');
  });
});
