/** `theme: "brand"` without a configured brand theme is refused, not quietly rendered with the default theme. */
import { describe, expect, it } from 'vitest';
import { allScopes, expectProblem, startApiRuntime } from '../helpers/api-runtime';
import { apiFakeApp, apiToken } from '../helpers/api-fakes';

const report = { type: 'inventory', formats: ['json'], theme: 'brand' };
const schedule = { expression: 'rate(1 day)', timezone: 'UTC', report };

function client(brandingConfigured: boolean) {
  const { app, queue } = apiFakeApp({}, { brandingConfigured });
  const call = async (method: string, path: string, body: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${await apiToken('alice', allScopes)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { call, queue };
}

describe('theme "brand" without a brand theme configured', () => {
  const { call, queue } = client(false);
  const brandUnavailable = expect.stringContaining('no brand theme configured');

  it('refuses a report: 400 naming theme, nothing queued', async () => {
    const problem = await expectProblem(await call('POST', '/v1/reports', report), 400, 'validation-failed');
    expect(problem.errors).toEqual([{ path: 'theme', message: brandUnavailable }]);
    expect(queue.jobs).toEqual([]);
  });

  it('lists theme beside every other invalid field', async () => {
    const problem = await expectProblem(await call('POST', '/v1/reports', { ...report, formats: ['docx'] }), 400, 'validation-failed');
    expect(problem.errors?.map((e) => e.path)).toEqual(['formats.0', 'theme']);
  });

  it('refuses schedules asking for it: POST, PUT and PATCH name report.theme', async () => {
    const created = await call('POST', '/v1/schedules', { ...schedule, report: { ...report, theme: 'default' } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (const res of [
      await call('POST', '/v1/schedules', schedule),
      await call('PUT', `/v1/schedules/${id}`, schedule),
      await call('PATCH', `/v1/schedules/${id}`, { report }),
    ]) {
      const problem = await expectProblem(res, 400, 'validation-failed');
      expect(problem.errors).toEqual([{ path: 'report.theme', message: brandUnavailable }]);
    }
  });

  it('accepts the default theme', async () => {
    expect((await call('POST', '/v1/reports', { ...report, theme: 'default' })).status).toBe(202);
    expect((await call('POST', '/v1/reports', { type: 'inventory' })).status).toBe(202);
  });

  it('is refused by the local runtime, which has no BRANDING_FILE here', async () => {
    const api = await startApiRuntime();
    try {
      const res = await api.call('POST', '/v1/reports', { token: await api.rt.mintToken('alice', allScopes), body: report });
      expect((await expectProblem(res, 400, 'validation-failed')).errors).toEqual([{ path: 'theme', message: brandUnavailable }]);
    } finally {
      await api.close();
    }
  });
});

describe('theme "brand" with a brand theme configured', () => {
  const { call } = client(true);

  it('accepts reports and schedules', async () => {
    expect((await call('POST', '/v1/reports', report)).status).toBe(202);
    expect((await call('POST', '/v1/schedules', schedule)).status).toBe(201);
  });
});
