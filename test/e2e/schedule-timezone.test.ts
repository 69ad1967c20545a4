/**
 * A schedule's time zone reaches its reports: through the API, the local scheduler's run-now path
 * and the worker, on the local runtime.
 */
import { describe, expect, it } from 'vitest';
import { scheduledRunId } from '../../src/domain/scheduled-run-id';
import { scheduledJob } from '../../src/domain/schedules/scheduled-job';
import { reportRunSchema } from '../../src/handlers/api/openapi/response-schemas';
import { aSchedule } from '../schedules/fakes';
import { useApiRuntime } from '../helpers/api-runtime';

describe("a schedule's time zone", () => {
  const ctx = useApiRuntime();

  async function runNow(timezone: string, report: Record<string, unknown>) {
    const created = await ctx.api.call('POST', '/v1/schedules', { token: ctx.alice, body: { expression: 'cron(0 6 1 * ? *)', timezone, report } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const fired = await ctx.api.call('POST', `/v1/schedules/${id}/run`, { token: ctx.alice });
    expect(fired.status).toBe(202);
    const { runId } = (await fired.json()) as { runId: string };
    const run = reportRunSchema.parse(await ctx.api.waitForRun(ctx.alice, runId));
    expect(run.status).toBe('succeeded');
    const data = (await (await ctx.api.call('GET', `/v1/reports/${runId}/data`, { token: ctx.alice })).json()) as { period?: { start: string; end: string } };
    return { run, data };
  }

  it('is the default zone of its reports: last month in America/Sao_Paulo starts at 03:00 UTC', async () => {
    const { run, data } = await runNow('America/Sao_Paulo', { type: 'usage', period: { preset: 'last-month' }, formats: ['json'] });

    expect(run.spec.period).toEqual({ preset: 'last-month', timezone: 'America/Sao_Paulo' });
    expect(data.period!.start).toMatch(/-01T03:00:00\.000Z$/);
    expect(data.period!.end).toMatch(/-01T03:00:00\.000Z$/);
  });

  it('applies to a report without a period too, and never overrides a zone the report names', async () => {
    const bare = await runNow('Asia/Tokyo', { type: 'usage', formats: ['json'] });
    expect(bare.run.spec.period?.timezone).toBe('Asia/Tokyo');
    // Tokyo's midnight is 15:00 UTC the day before.
    expect(bare.data.period!.start).toMatch(/T15:00:00\.000Z$/);

    const explicit = await runNow('America/Sao_Paulo', { type: 'usage', period: { preset: 'last-month', timezone: 'UTC' }, formats: ['json'] });
    expect(explicit.run.spec.period?.timezone).toBe('UTC');
    expect(explicit.data.period!.start).toMatch(/-01T00:00:00\.000Z$/);
  });

  it('is in the job EventBridge and the local scheduler send', () => {
    const job = scheduledJob(aSchedule({ timezone: 'Europe/Berlin', report: { ...aSchedule().report, period: undefined } }), '2030-01-01T08:00:00Z');
    expect(job.spec.period).toEqual({ preset: 'last-month', timezone: 'Europe/Berlin' });
  });

  it('also reaches the jobs of EventBridge targets made before the zone travelled in the job', async () => {
    const created = await ctx.api.call('POST', '/v1/schedules', {
      token: ctx.alice,
      body: { expression: 'cron(0 6 1 * ? *)', timezone: 'America/Sao_Paulo', report: { type: 'usage', formats: ['json'] } },
    });
    const { id } = (await created.json()) as { id: string };
    const scheduledTime = '2030-01-01T09:00:00Z';
    // The job as an older target sends it: the report spec as stored, no zone.
    await ctx.api.rt.queue.send(
      {
        kind: 'scheduled',
        scheduleId: id,
        owner: 'alice',
        scheduledTime,
        spec: { type: 'usage', formats: ['json'], locale: 'en', theme: 'default', wasteShutoffDays: 30, accessiblePdf: false },
      },
      { group: 'alice' },
    );
    const run = reportRunSchema.parse(await ctx.api.waitForRun(ctx.alice, scheduledRunId(id, scheduledTime)));
    expect(run.spec.period?.timezone).toBe('America/Sao_Paulo');
  });

  it('leaves reports requested through the API in UTC by default', async () => {
    const res = await ctx.api.call('POST', '/v1/reports', { token: ctx.alice, body: { type: 'usage', period: { preset: 'last-month' }, formats: ['json'] } });
    const run = reportRunSchema.parse(await ctx.api.waitForRun(ctx.alice, ((await res.json()) as { id: string }).id));
    const data = (await (await ctx.api.call('GET', `/v1/reports/${run.id}/data`, { token: ctx.alice })).json()) as { period: { start: string } };
    expect(data.period.start).toMatch(/-01T00:00:00\.000Z$/);
  });
});
