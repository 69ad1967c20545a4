/**
 * What the web console asks of the API: run statistics, the cloud's projects, a schedule preview,
 * a schedule's run history. Real HTTP against the local runtime (dynalite, s3rver, the in-process
 * queue and worker); each answer is parsed with the response schema the OpenAPI document shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectListSchema, reportPageSchema, schedulePreviewSchema, scheduleSchema, statsSchema } from '../../src/handlers/api/openapi/response-schemas';
import { utcDay } from '../../src/domain/run-statistics';
import { allScopes, expectProblem, startApiRuntime, type ApiRuntime } from '../helpers/api-runtime';
import { startReceiver } from '../delivery/webhook-receiver';

describe('the console’s API against the local runtime', () => {
  let api: ApiRuntime;
  let alice: string;
  let bob: string;
  let admin: string;
  let schedulesOnly: string;
  let readerOnly: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    api = await startApiRuntime();
    // The receiver refuses deliveries to /refuse (for good), takes the others.
    receiver = await startReceiver((call, _i, res) => res.writeHead(call.url === '/refuse' ? 400 : 204).end());
    [alice, bob, admin, schedulesOnly, readerOnly] = await Promise.all([
      api.rt.mintToken('alice', allScopes),
      api.rt.mintToken('bob', allScopes),
      api.rt.mintToken('root', ['admin']),
      api.rt.mintToken('alice', ['schedules:read']),
      api.rt.mintToken('alice', ['reports:read']),
    ]);
  });

  afterAll(async () => {
    await api?.close();
    await receiver?.close();
  });

  async function requestReport(token: string, body: unknown): Promise<string> {
    const res = await api.call('POST', '/v1/reports', { token, body });
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  }

  async function stats(token: string, query = '') {
    const res = await api.call('GET', `/v1/stats${query}`, { token });
    expect(res.status).toBe(200);
    return statsSchema.parse(await res.json());
  }

  describe('GET /v1/stats', () => {
    it('counts runs as they finish: outcomes, durations by type and stage, deliveries, failure reasons', async () => {
      const before = await stats(alice);
      expect(before).toMatchObject({ days: 7, scope: 'own', owner: 'alice', runs: { total: 0, succeeded: 0, failed: 0, successRate: null } });

      const ok1 = await requestReport(alice, { type: 'inventory', formats: ['json'], delivery: { webhook: { url: `${receiver.url}/take` } } });
      const ok2 = await requestReport(alice, { type: 'inventory', formats: ['csv'], delivery: { webhook: { url: `${receiver.url}/refuse` } } });
      const bad = await requestReport(alice, { type: 'inventory', scope: { projectNames: ['no-such-project'] }, formats: ['json'] });
      await requestReport(bob, { type: 'inventory', formats: ['json'] });
      for (const id of [ok1, ok2]) expect((await api.waitForRun(alice, id)).status).toBe('succeeded');
      const failed = await api.waitForRun(alice, bad);
      expect(failed.status).toBe('failed');
      await api.rt.queue.idle();

      const after = await stats(alice);
      const today = utcDay(new Date());
      expect(after.to).toBe(today);
      expect(after.perDay).toHaveLength(7);
      expect(after.perDay.at(-1)).toEqual({ date: today, succeeded: 2, failed: 1 });
      expect(after.runs).toEqual({ total: 3, succeeded: 2, failed: 1, queued: 0, running: 0, successRate: 0.6667 });
      expect(after.durations.byType).toEqual([{ type: 'inventory', count: 2, p50Ms: expect.any(Number), p95Ms: expect.any(Number) }]);
      expect(after.durations.byStage.map((s) => s.stage)).toEqual(['fetch', 'render', 'store']);
      expect(after.durations.byStage.find((s) => s.stage === 'render')!.count).toBe(2);
      expect(after.deliveries).toEqual([{ channel: 'webhook', sent: 1, failed: 1 }]);
      const error = failed.error as { code: string };
      expect(after.failureReasons).toEqual([{ code: error.code, message: expect.any(String), count: 1 }]);
      // The reason is the same sentence for every run: never the run's own message, which names tenant data.
      expect(after.failureReasons[0]!.message).not.toContain('no-such-project');

      // Bob sees his own; an admin sees everyone's, or one owner's.
      expect((await stats(bob)).runs).toMatchObject({ total: 1, succeeded: 1, failed: 0 });
      const all = await stats(admin);
      expect(all).toMatchObject({ scope: 'all', runs: { total: 4, succeeded: 3, failed: 1 } });
      expect(all).not.toHaveProperty('owner');
      expect(await stats(admin, '?owner=alice')).toMatchObject({ scope: 'owner', owner: 'alice', runs: { total: 3 } });
      expect((await stats(alice, '?days=30')).perDay).toHaveLength(30);
    });

    it('counts a run once when its queue message comes twice', async () => {
      const id = await requestReport(alice, { type: 'inventory', formats: ['json'] });
      await api.waitForRun(alice, id);
      await api.rt.queue.idle();
      const once = (await stats(alice)).runs;
      // The same message again, as SQS may deliver it: the run is finished, nothing changes.
      await api.rt.queue.send({ kind: 'run', runId: id });
      await api.rt.queue.idle();
      expect((await stats(alice)).runs).toEqual(once);
    });

    it('answers 400 for a window other than 7 or 30 days, 403 for another owner’s statistics', async () => {
      const body = await expectProblem(await api.call('GET', '/v1/stats?days=14', { token: alice }), 400, 'validation-failed');
      expect(body.errors!.map((e) => e.path)).toEqual(['query.days']);
      await expectProblem(await api.call('GET', '/v1/stats?owner=bob', { token: alice }), 403, 'forbidden');
      expect((await stats(alice, '?owner=alice')).scope).toBe('own');
      await expectProblem(await api.call('GET', '/v1/stats', { token: schedulesOnly }), 403, 'forbidden');
      await expectProblem(await api.call('GET', '/v1/stats'), 401);
    });
  });

  describe('GET /v1/projects', () => {
    it('lists the projects of the configured cloud', async () => {
      const res = await api.call('GET', '/v1/projects', { token: alice });
      expect(res.status).toBe(200);
      expect(projectListSchema.parse(await res.json())).toEqual({ items: [{ id: 'p1', name: 'shop', enabled: true }] });
    });

    it('needs reports:write', async () => {
      await expectProblem(await api.call('GET', '/v1/projects', { token: readerOnly }), 403, 'forbidden');
    });
  });

  describe('POST /v1/schedules/preview', () => {
    it('describes the expression and lists the next five fire times with the zone’s offset', async () => {
      const res = await api.call('POST', '/v1/schedules/preview', {
        token: schedulesOnly,
        body: { expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/Berlin' },
      });
      expect(res.status).toBe(200);
      const preview = schedulePreviewSchema.parse(await res.json());
      expect(preview.description).toBe('every Monday at 08:00, Europe/Berlin');
      expect(preview.next).toHaveLength(5);
      for (const t of preview.next) {
        expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T08:00:00\+0[12]:00$/);
        expect(new Date(t).getUTCDay()).toBe(1);
        expect(Date.parse(t)).toBeGreaterThan(Date.now());
      }
      expect([...preview.next].sort((a, b) => Date.parse(a) - Date.parse(b))).toEqual(preview.next);
    });

    it('speaks Brazilian Portuguese by Accept-Language, or by locale, which wins', async () => {
      const body = { expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/Berlin' };
      const byHeader = await api.call('POST', '/v1/schedules/preview', { token: schedulesOnly, body, headers: { 'accept-language': 'pt-BR,pt;q=0.9' } });
      expect(schedulePreviewSchema.parse(await byHeader.json()).description).toBe('toda segunda-feira às 08:00, Europe/Berlin');
      const byField = await api.call('POST', '/v1/schedules/preview', {
        token: schedulesOnly,
        body: { ...body, locale: 'en' },
        headers: { 'accept-language': 'pt-BR' },
      });
      expect(schedulePreviewSchema.parse(await byField.json()).description).toBe('every Monday at 08:00, Europe/Berlin');
    });

    it('stops at the end date, and counts a rate from the start date', async () => {
      const start = new Date(Date.now() + 86_400_000);
      start.setUTCHours(0, 0, 0, 0);
      const end = new Date(start.getTime() + 3 * 3_600_000);
      const res = await api.call('POST', '/v1/schedules/preview', {
        token: schedulesOnly,
        body: { expression: 'rate(1 hour)', timezone: 'UTC', startDate: start.toISOString(), endDate: end.toISOString() },
      });
      const preview = schedulePreviewSchema.parse(await res.json());
      expect(preview.next.map((t) => Date.parse(t))).toEqual([0, 1, 2].map((h) => start.getTime() + h * 3_600_000));
      expect(preview.description).toMatch(/^every hour from \d{4}-\d{2}-\d{2} 00:00 until \d{4}-\d{2}-\d{2} 03:00, UTC$/);
    });

    it('answers 400 naming the expression, the time zone and unknown fields', async () => {
      const res = await api.call('POST', '/v1/schedules/preview', {
        token: schedulesOnly,
        body: { expression: 'cron(0 8 * * *)', timezone: 'Mars/Olympus', colour: 'red' },
      });
      const body = await expectProblem(res, 400, 'validation-failed');
      expect(body.errors!.map((e) => e.path).sort()).toEqual(['(body)', 'expression', 'timezone']);
      expect(body.errors!.find((e) => e.path === 'expression')!.message).toContain('6 fields');
      await expectProblem(
        await api.call('POST', '/v1/schedules/preview', {
          token: schedulesOnly,
          body: { expression: 'at(2030-01-01T00:00:00)', timezone: 'UTC', startDate: '2029-01-01T00:00:00Z' },
        }),
        400,
        'validation-failed',
      );
      await expectProblem(
        await api.call('POST', '/v1/schedules/preview', { token: readerOnly, body: { expression: 'rate(1 hour)', timezone: 'UTC' } }),
        403,
        'forbidden',
      );
    });
  });

  describe('a schedule’s run history', () => {
    it('GET /v1/reports?scheduleId= lists only the runs the schedule started; the schedule shows its last run', async () => {
      const created = await api.call('POST', '/v1/schedules', {
        token: alice,
        body: { name: 'weekly', expression: 'cron(0 8 ? * MON *)', timezone: 'Europe/Berlin', report: { type: 'inventory', formats: ['json'] } },
      });
      const schedule = scheduleSchema.parse(await created.json());
      const fired = await api.call('POST', `/v1/schedules/${schedule.id}/run`, { token: alice });
      expect(fired.status).toBe(202);
      const { runId } = (await fired.json()) as { runId: string };
      await requestReport(alice, { type: 'inventory', formats: ['json'] });
      expect((await api.waitForRun(alice, runId)).status).toBe('succeeded');
      await api.rt.queue.idle();

      const history = await api.call('GET', `/v1/reports?scheduleId=${schedule.id}&status=succeeded&type=inventory`, { token: alice });
      expect(history.status).toBe(200);
      const page = reportPageSchema.parse(await history.json());
      expect(page.items.map((r) => r.id)).toEqual([runId]);
      expect(page.items[0]!.scheduleId).toBe(schedule.id);
      // Another owner sees none of it.
      expect(reportPageSchema.parse(await (await api.call('GET', `/v1/reports?scheduleId=${schedule.id}`, { token: bob })).json()).items).toEqual([]);

      const view = scheduleSchema.parse(await (await api.call('GET', `/v1/schedules/${schedule.id}`, { token: alice })).json());
      expect(view.nextFireTimes).toHaveLength(5);
      expect(view.lastRuns).toEqual([{ runId, scheduledTime: expect.any(String), status: 'succeeded' }]);

      const bad = await expectProblem(await api.call('GET', '/v1/reports?scheduleId=a%23b', { token: alice }), 400, 'validation-failed');
      expect(bad.errors!.map((e) => e.path)).toEqual(['query.scheduleId']);
    });
  });
});
