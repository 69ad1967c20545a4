import { describe, expect, it } from 'vitest';
import { expectProblem, useApiRuntime } from '../helpers/api-runtime';

describe('filters.namePattern through the local runtime', () => {
  const ctx = useApiRuntime();

  it('runs reports whose pattern has a "-" (README\'s "web-*"), and the filter applies', async () => {
    const servers = async (namePattern: string) => {
      const res = await ctx.api.call('POST', '/v1/reports', { token: ctx.alice, body: { type: 'inventory', formats: ['json'], filters: { namePattern } } });
      expect(res.status).toBe(202);
      const run = await ctx.api.waitForRun(ctx.alice, ((await res.json()) as { id: string }).id);
      expect(run.error).toBeUndefined();
      expect(run.status).toBe('succeeded');
      return (run.summary as { servers: number }).servers;
    };
    // The runtime's cloud has "alpha" and "beta".
    expect(await servers('al?ha-*')).toBe(0);
    expect(await servers('AL?HA*')).toBe(1);
    expect(await servers('*-*')).toBe(0);
  });

  it('refuses a pattern a run could not use with 400 naming filters.namePattern, for reports and schedules alike', async () => {
    const bad = 'web-\ud800*';
    const report = await expectProblem(
      await ctx.api.call('POST', '/v1/reports', { token: ctx.alice, body: { type: 'inventory', filters: { namePattern: bad } } }),
      400,
      'validation-failed',
    );
    expect(report.errors).toEqual([{ path: 'filters.namePattern', message: expect.stringContaining('Unicode') }]);

    const schedule = await expectProblem(
      await ctx.api.call('POST', '/v1/schedules', {
        token: ctx.alice,
        body: { expression: 'cron(0 8 * * ? *)', timezone: 'UTC', report: { type: 'inventory', filters: { namePattern: bad } } },
      }),
      400,
      'validation-failed',
    );
    expect(schedule.errors).toEqual([{ path: 'report.filters.namePattern', message: expect.stringContaining('Unicode') }]);
  });
});
