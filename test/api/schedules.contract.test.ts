import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schedulePageSchema, scheduleRunAcceptedSchema, scheduleSchema } from '../../src/handlers/api/openapi/response-schemas';
import { allScopes, expectProblem, startApiRuntime, type ApiRuntime } from '../helpers/api-runtime';

const nightly = {
  name: 'nightly',
  expression: 'cron(0 2 * * ? *)',
  timezone: 'Europe/Berlin',
  report: { type: 'inventory', formats: ['json'] },
  delivery: { webhook: { url: 'https://hooks.example.com/reports', secret: 'a-secret-of-24-characters' } },
};

describe('/v1/schedules against the local runtime', () => {
  let api: ApiRuntime;
  let alice: string;
  let aliceReader: string;
  let reportsOnly: string;

  beforeAll(async () => {
    api = await startApiRuntime();
    [alice, aliceReader, reportsOnly] = await Promise.all([
      api.rt.mintToken('alice', allScopes),
      api.rt.mintToken('alice', ['schedules:read', 'reports:read']),
      api.rt.mintToken('alice', ['reports:read', 'reports:write']),
    ]);
  });

  afterAll(() => api?.close());

  async function create(body: unknown = nightly) {
    const res = await api.call('POST', '/v1/schedules', { token: alice, body });
    expect(res.status).toBe(201);
    return scheduleSchema.parse(await res.json());
  }

  describe('POST /v1/schedules', () => {
    it('creates a schedule: 201, Location, the next five fire times, no secret echoed', async () => {
      const res = await api.call('POST', '/v1/schedules', { token: alice, body: nightly });
      const schedule = scheduleSchema.parse(await res.json());
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`${api.url}/v1/schedules/${schedule.id}`);
      expect(schedule).toMatchObject({ owner: 'alice', name: 'nightly', enabled: true, syncState: 'active' });
      expect(schedule.nextFireTimes).toHaveLength(5);
      // 02:00 in Berlin is 00:00 or 01:00 UTC.
      for (const t of schedule.nextFireTimes) expect(t).toMatch(/T0[01]:00:00\.000Z$/);
      expect(schedule.delivery?.webhook).toEqual({ url: 'https://hooks.example.com/reports', hasSecret: true });
      expect(JSON.stringify(schedule)).not.toContain('a-secret-of-24-characters');
    });

    it('answers 400 listing every invalid field', async () => {
      const res = await api.call('POST', '/v1/schedules', {
        token: alice,
        body: { expression: 'cron(0 25 * * ? *)', timezone: 'Mars/Olympus', report: { type: 'inventory', formats: [] }, color: 'red' },
      });
      const body = await expectProblem(res, 400, 'validation-failed');
      expect(body.errors!.map((e) => e.path).sort()).toEqual(['(body)', 'expression', 'report.formats', 'timezone']);
      expect(body.errors!.find((e) => e.path === 'expression')!.message).toContain('hours');
    });

    it('answers 400 for a schedule that would never fire, and over the recipient limit', async () => {
      const never = await expectProblem(
        await api.call('POST', '/v1/schedules', { token: alice, body: { ...nightly, expression: 'at(2001-01-01T00:00:00)', delivery: undefined } }),
        400,
      );
      expect(never.errors![0]!.message).toContain('never fire');
      const many = await expectProblem(
        await api.call('POST', '/v1/schedules', {
          token: alice,
          body: { ...nightly, delivery: { email: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) } },
        }),
        400,
      );
      expect(many.errors!.find((e) => e.path === 'delivery.email')!.message).toContain('50');
    });

    it('answers 401, 403, 413 and 415', async () => {
      await expectProblem(await api.call('POST', '/v1/schedules', { body: nightly }), 401);
      await expectProblem(await api.call('POST', '/v1/schedules', { token: aliceReader, body: nightly }), 403);
      await expectProblem(await api.call('POST', '/v1/schedules', { token: alice, body: { ...nightly, name: 'x'.repeat(300 * 1024) } }), 413);
      await expectProblem(
        await api.call('POST', '/v1/schedules', { token: alice, body: JSON.stringify(nightly), headers: { 'content-type': 'text/plain' } }),
        415,
      );
    });
  });

  describe('GET /v1/schedules', () => {
    it('lists the caller’s schedules one page at a time', async () => {
      await create({ ...nightly, name: 'one' });
      await create({ ...nightly, name: 'two' });
      const page1 = schedulePageSchema.parse(await (await api.call('GET', '/v1/schedules?limit=1', { token: alice })).json());
      const page2 = schedulePageSchema.parse(await (await fetch(page1.links.next!, { headers: { authorization: `Bearer ${alice}` } })).json());
      expect(page1.items).toHaveLength(1);
      expect(page2.items).toHaveLength(1);
      expect(page2.items[0]!.id).not.toBe(page1.items[0]!.id);
      expect([...page1.items, ...page2.items].every((s) => s.owner === 'alice')).toBe(true);
    });

    it('answers 400 for an unknown parameter or a foreign cursor, 403 without schedules:read', async () => {
      await expectProblem(await api.call('GET', '/v1/schedules?enabled=true', { token: alice }), 400);
      const foreign = Buffer.from(JSON.stringify({ id: 'x', owner: 'bob', createdKey: 'y' })).toString('base64url');
      await expectProblem(await api.call('GET', `/v1/schedules?cursor=${foreign}`, { token: alice }), 400);
      await expectProblem(await api.call('GET', '/v1/schedules', { token: reportsOnly }), 403);
    });
  });

  describe('GET /v1/schedules/{id}', () => {
    it('reads a schedule', async () => {
      const created = await create();
      const res = await api.call('GET', `/v1/schedules/${created.id}`, { token: aliceReader });
      expect(res.status).toBe(200);
      expect(scheduleSchema.parse(await res.json()).id).toBe(created.id);
    });

    it('answers 404 for an unknown id and 400 for a query parameter', async () => {
      await expectProblem(await api.call('GET', '/v1/schedules/does-not-exist', { token: alice }), 404, 'not-found');
      const created = await create();
      await expectProblem(await api.call('GET', `/v1/schedules/${created.id}?x=1`, { token: alice }), 400);
    });
  });

  describe('PUT /v1/schedules/{id}', () => {
    it('replaces the schedule: fields left out are cleared', async () => {
      const created = await create();
      const res = await api.call('PUT', `/v1/schedules/${created.id}`, {
        token: alice,
        body: { expression: 'rate(12 hours)', timezone: 'UTC', report: { type: 'usage', formats: ['csv'] } },
      });
      const schedule = scheduleSchema.parse(await res.json());
      expect(res.status).toBe(200);
      expect(schedule).toMatchObject({ id: created.id, expression: 'rate(12 hours)', timezone: 'UTC', enabled: true });
      expect(schedule.report.type).toBe('usage');
      expect(schedule.name).toBeUndefined();
      expect(schedule.delivery).toBeUndefined();
    });

    it('answers 400 for an incomplete schedule, 404 for an unknown one, 415 for text', async () => {
      const created = await create();
      const partial = await expectProblem(await api.call('PUT', `/v1/schedules/${created.id}`, { token: alice, body: { name: 'only a name' } }), 400);
      expect(partial.errors!.map((e) => e.path).sort()).toEqual(['expression', 'report', 'timezone']);
      await expectProblem(await api.call('PUT', '/v1/schedules/nope', { token: alice, body: nightly }), 404);
      await expectProblem(await api.call('PUT', `/v1/schedules/${created.id}`, { token: alice, body: 'x', headers: { 'content-type': 'text/plain' } }), 415);
    });
  });

  describe('PATCH /v1/schedules/{id}', () => {
    it('changes some fields; disabling empties the next fire times', async () => {
      const created = await create();
      const res = await api.call('PATCH', `/v1/schedules/${created.id}`, {
        token: alice,
        body: { enabled: false, name: null },
        headers: { 'content-type': 'application/merge-patch+json' },
      });
      const schedule = scheduleSchema.parse(await res.json());
      expect(res.status).toBe(200);
      expect(schedule.enabled).toBe(false);
      expect(schedule.name).toBeUndefined();
      expect(schedule.nextFireTimes).toEqual([]);
      expect(schedule.expression).toBe(nightly.expression);
    });

    it('answers 400 for an empty patch and for an unknown field', async () => {
      const created = await create();
      await expectProblem(await api.call('PATCH', `/v1/schedules/${created.id}`, { token: alice, body: {} }), 400);
      await expectProblem(await api.call('PATCH', `/v1/schedules/${created.id}`, { token: alice, body: { owner: 'bob' } }), 400);
    });

    it('answers 409 while the schedule is being deleted', async () => {
      const created = await create();
      const stored = (await api.rt.deps.schedules.get(created.id))!;
      await api.rt.deps.schedules.replace({ ...stored, syncState: 'deleting', version: stored.version + 1 }, stored.version);
      await expectProblem(await api.call('PATCH', `/v1/schedules/${created.id}`, { token: alice, body: { enabled: false } }), 409, 'conflict');
      await expectProblem(await api.call('POST', `/v1/schedules/${created.id}/run`, { token: alice }), 409, 'conflict');
    });
  });

  describe('DELETE /v1/schedules/{id}', () => {
    it('deletes the schedule', async () => {
      const created = await create();
      const res = await api.call('DELETE', `/v1/schedules/${created.id}`, { token: alice });
      expect(res.status).toBe(204);
      await expectProblem(await api.call('GET', `/v1/schedules/${created.id}`, { token: alice }), 404);
    });

    it('answers 403 without schedules:write and 404 for an unknown id', async () => {
      const created = await create();
      await expectProblem(await api.call('DELETE', `/v1/schedules/${created.id}`, { token: aliceReader }), 403);
      await expectProblem(await api.call('DELETE', '/v1/schedules/nope', { token: alice }), 404);
    });
  });

  describe('POST /v1/schedules/{id}/run', () => {
    it('runs the schedule now: the run it names succeeds and belongs to the schedule', async () => {
      const created = await create({ ...nightly, delivery: undefined });
      const res = await api.call('POST', `/v1/schedules/${created.id}/run`, { token: alice });
      const accepted = scheduleRunAcceptedSchema.parse(await res.json());
      expect(res.status).toBe(202);
      expect(res.headers.get('location')).toBe(`${api.url}/v1/reports/${accepted.runId}`);

      const run = await api.waitForRun(alice, accepted.runId);
      expect(run).toMatchObject({ status: 'succeeded', scheduleId: created.id, owner: 'alice' });
    });

    it('answers 404 for an unknown schedule and 405 for GET', async () => {
      await expectProblem(await api.call('POST', '/v1/schedules/nope/run', { token: alice }), 404);
      const res = await api.call('GET', '/v1/schedules/nope/run', { token: alice });
      await expectProblem(res, 405);
      expect(res.headers.get('allow')).toBe('POST');
    });
  });

  it('answers 405 with Allow on the collection', async () => {
    const res = await api.call('PATCH', '/v1/schedules', { token: alice, body: {} });
    await expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});
