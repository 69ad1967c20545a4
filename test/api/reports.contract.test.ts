import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAcceptedSchema, reportPageSchema, reportRunSchema } from '../../src/handlers/api/openapi/response-schemas';
import type { ReportRun } from '../../src/domain/report-run';
import { allScopes, expectProblem, startApiRuntime, type ApiRuntime } from '../helpers/api-runtime';

describe('/v1/reports against the local runtime', () => {
  let api: ApiRuntime;
  let alice: string;
  let aliceReader: string;
  let bob: string;
  /** A succeeded run of alice's with JSON and CSV artifacts. */
  let done: Record<string, unknown> & { id: string };

  beforeAll(async () => {
    api = await startApiRuntime();
    [alice, aliceReader, bob] = await Promise.all([
      api.rt.mintToken('alice', allScopes),
      api.rt.mintToken('alice', ['reports:read']),
      api.rt.mintToken('bob', allScopes),
    ]);
    const res = await api.call('POST', '/v1/reports', { token: alice, body: { type: 'inventory', formats: ['json', 'csv'] } });
    const { id } = (await res.json()) as { id: string };
    done = (await api.waitForRun(alice, id)) as typeof done;
  });

  afterAll(() => api?.close());

  /** Records a run directly, in a state the worker would only pass through. */
  async function storedRun(status: ReportRun['status'], owner = 'alice'): Promise<string> {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    await api.rt.deps.runs.create({
      id,
      owner,
      type: 'inventory',
      status,
      spec: { type: 'inventory', formats: ['json'], locale: 'en', theme: 'default', wasteShutoffDays: 30, accessiblePdf: false },
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      artifacts: [],
      stages: [],
    });
    return id;
  }

  describe('POST /v1/reports', () => {
    it('accepts a spec: 202, queued, a Location and links', async () => {
      const res = await api.call('POST', '/v1/reports', {
        token: alice,
        body: { type: 'inventory', formats: ['json'], delivery: { email: ['ops@example.com'] } },
      });
      const body = reportAcceptedSchema.parse(await res.json());
      expect(res.status).toBe(202);
      expect(body.status).toBe('queued');
      expect(res.headers.get('location')).toBe(`${api.url}/v1/reports/${body.id}`);
      expect(body.links.self).toBe(`${api.url}/v1/reports/${body.id}`);
    });

    it('returns the same run for the same Idempotency-Key and body, whatever the key order', async () => {
      const headers = { 'idempotency-key': 'same-body-1' };
      const first = await api.call('POST', '/v1/reports', {
        token: alice,
        headers,
        body: { type: 'usage', formats: ['json'], period: { preset: 'last-month' } },
      });
      const again = await api.call('POST', '/v1/reports', {
        token: alice,
        headers,
        body: { period: { preset: 'last-month' }, formats: ['json'], type: 'usage' },
      });
      const a = (await first.json()) as { id: string };
      const b = (await again.json()) as { id: string };
      expect([first.status, again.status]).toEqual([202, 202]);
      expect(b.id).toBe(a.id);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    });

    it('answers 409 for the same Idempotency-Key with another body', async () => {
      const headers = { 'idempotency-key': 'reused-1' };
      await (await api.call('POST', '/v1/reports', { token: alice, headers, body: { type: 'inventory', formats: ['json'] } })).arrayBuffer();
      const res = await api.call('POST', '/v1/reports', { token: alice, headers, body: { type: 'inventory', formats: ['html'] } });
      await expectProblem(res, 409, 'idempotency-key-reused');
    });

    it('keeps Idempotency-Keys per owner', async () => {
      const headers = { 'idempotency-key': 'shared-key' };
      const body = { type: 'inventory', formats: ['json'] };
      const a = (await (await api.call('POST', '/v1/reports', { token: alice, headers, body })).json()) as { id: string };
      const b = (await (await api.call('POST', '/v1/reports', { token: bob, headers, body })).json()) as { id: string };
      expect(b.id).not.toBe(a.id);
    });

    it('answers 400 listing every invalid field', async () => {
      const res = await api.call('POST', '/v1/reports', { token: alice, body: { type: 'nope', formats: ['pdf', 'docx'], locale: 'fr', bogus: 1 } });
      const body = await expectProblem(res, 400, 'validation-failed');
      expect(body.errors!.map((e) => e.path).sort()).toEqual(['(body)', 'formats.1', 'locale', 'type']);
      expect(body.errors!.find((e) => e.path === '(body)')!.message).toContain('bogus');
    });

    it.each([
      ['projects per report', { type: 'inventory', scope: { projectIds: Array.from({ length: 501 }, (_, i) => `p${i}`) } }, 'scope.projectIds', '500'],
      ['recipients', { type: 'inventory', delivery: { email: Array.from({ length: 51 }, (_, i) => `u${i}@example.com`) } }, 'delivery.email', '50'],
      ['period length', { type: 'usage', period: { start: '2024-01-01T00:00:00Z', end: '2025-06-01T00:00:00Z' } }, 'period.end', '366'],
    ])('answers 400 over the limit of %s, naming the limit', async (_name, spec, path, limit) => {
      const body = await expectProblem(await api.call('POST', '/v1/reports', { token: alice, body: spec }), 400);
      const issue = body.errors!.find((e) => e.path === path);
      expect(issue?.message).toContain(limit);
    });

    it('answers 400 for malformed JSON, an unknown query parameter and a bad Idempotency-Key', async () => {
      await expectProblem(await api.call('POST', '/v1/reports', { token: alice, body: '{"type":' }), 400, 'malformed-json');
      const query = await expectProblem(await api.call('POST', '/v1/reports?dryRun=1', { token: alice, body: { type: 'inventory' } }), 400);
      expect(query.errors).toEqual([{ path: 'query.dryRun', message: expect.any(String) }]);
      const key = await expectProblem(
        await api.call('POST', '/v1/reports', { token: alice, body: { type: 'inventory' }, headers: { 'idempotency-key': 'x'.repeat(300) } }),
        400,
      );
      expect(key.errors![0]!.path).toBe('header.Idempotency-Key');
    });

    it('answers 401 without a token and 403 without reports:write', async () => {
      const none = await api.call('POST', '/v1/reports', { body: { type: 'inventory' } });
      await expectProblem(none, 401, 'unauthorized');
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      await expectProblem(await api.call('POST', '/v1/reports', { token: aliceReader, body: { type: 'inventory' } }), 403, 'forbidden');
    });

    it('answers 413 for a body over 256 KiB, naming the limit', async () => {
      const res = await api.call('POST', '/v1/reports', { token: alice, body: { type: 'inventory', title: 'x'.repeat(300 * 1024) } });
      const body = await expectProblem(res, 413, 'body-too-large');
      expect(body.detail).toContain(String(256 * 1024));
    });

    it('answers 415 for a body that is not JSON', async () => {
      const res = await api.call('POST', '/v1/reports', {
        token: alice,
        body: 'type=inventory',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      await expectProblem(res, 415, 'unsupported-media-type');
    });

    it('answers 405 with Allow for a method the path does not have', async () => {
      const res = await api.call('PUT', '/v1/reports', { token: alice, body: { type: 'inventory' } });
      await expectProblem(res, 405, 'method-not-allowed');
      expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    });
  });

  describe('GET /v1/reports', () => {
    it('lists the caller’s runs newest first, one page at a time', async () => {
      const first = await api.call('GET', '/v1/reports?limit=2', { token: alice });
      const page1 = reportPageSchema.parse(await first.json());
      const second = await fetch(page1.links.next!, { headers: { authorization: `Bearer ${alice}` } });
      const page2 = reportPageSchema.parse(await second.json());
      const all = reportPageSchema.parse(await (await api.call('GET', '/v1/reports?limit=100', { token: alice })).json());

      expect(first.status).toBe(200);
      expect(page1.items).toHaveLength(2);
      expect(page2.items[0]!.id).toBe(all.items[2]!.id);
      expect(all.items.every((r) => r.owner === 'alice')).toBe(true);
      const created = all.items.map((r) => r.createdAt);
      expect(created).toEqual([...created].sort().reverse());
    });

    it('filters by status, type and creation time', async () => {
      const succeeded = reportPageSchema.parse(await (await api.call('GET', '/v1/reports?status=succeeded&type=inventory', { token: alice })).json());
      expect(succeeded.items.map((r) => r.id)).toContain(done.id);
      expect(succeeded.items.every((r) => r.status === 'succeeded' && r.type === 'inventory')).toBe(true);
      const usage = reportPageSchema.parse(await (await api.call('GET', '/v1/reports?type=usage', { token: alice })).json());
      expect(usage.items.every((r) => r.type === 'usage')).toBe(true);
      const from = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
      const future = reportPageSchema.parse(await (await api.call(`GET`, `/v1/reports?createdFrom=${from}`, { token: alice })).json());
      expect(future.items).toEqual([]);
      // An offset is the same instant as its UTC form.
      const to = encodeURIComponent(new Date(Date.parse(done.createdAt as string) + 1).toISOString().replace('Z', '+00:00'));
      const upTo = reportPageSchema.parse(await (await api.call('GET', `/v1/reports?createdTo=${to}`, { token: alice })).json());
      expect(upTo.items.map((r) => r.id)).toContain(done.id);
    });

    it.each([
      ['an unknown parameter', 'owner=bob', 'query.owner'],
      ['an unknown status', 'status=done', 'query.status'],
      ['a limit over 100', 'limit=101', 'query.limit'],
      ['createdTo before createdFrom', 'createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z', 'query.createdTo'],
      // DynamoDB refuses a start key that is not one of the index's keys; that is the cursor's fault, not ours.
      ['a forged cursor', `cursor=${Buffer.from(JSON.stringify({ id: 'x' })).toString('base64url')}`, 'query.cursor'],
      ['a garbage cursor', 'cursor=not-base64-json', 'query.cursor'],
    ])('answers 400 for %s', async (_name, query, path) => {
      const body = await expectProblem(await api.call('GET', `/v1/reports?${query}`, { token: alice }), 400);
      expect(body.errors!.map((e) => e.path)).toContain(path);
    });

    it('answers 401 and 403', async () => {
      await expectProblem(await api.call('GET', '/v1/reports'), 401);
      const writer = await api.rt.mintToken('alice', ['reports:write']);
      await expectProblem(await api.call('GET', '/v1/reports', { token: writer }), 403);
    });
  });

  describe('GET /v1/reports/{id}', () => {
    it('shows status, stage timings, sizes and a link per format', async () => {
      const res = await api.call('GET', `/v1/reports/${done.id}`, { token: alice });
      const run = reportRunSchema.parse(await res.json());
      expect(res.status).toBe(200);
      expect(run.status).toBe('succeeded');
      expect(run.stages.map((s) => s.name)).toEqual(['fetch', 'render', 'store']);
      expect(run.artifacts.map((a) => a.format).sort()).toEqual(['csv', 'json']);
      for (const a of run.artifacts) {
        expect(a.bytes).toBeGreaterThan(0);
        expect(a.download).toBe(`${api.url}/v1/reports/${run.id}/download?format=${a.format}`);
        expect(a.url).toContain('X-Amz-Signature=');
      }
      expect(run.links).toEqual({
        self: `${api.url}/v1/reports/${run.id}`,
        download: `${api.url}/v1/reports/${run.id}/download`,
        data: `${api.url}/v1/reports/${run.id}/data`,
      });
    });

    it('shows the error of a failed run', async () => {
      const id = await storedRun('failed');
      await api.rt.deps.runs.update(id, { error: { code: 'project_not_found', message: 'Unknown project id: p9.' } });
      const run = reportRunSchema.parse(await (await api.call('GET', `/v1/reports/${id}`, { token: alice })).json());
      expect(run.error).toEqual({ code: 'project_not_found', message: 'Unknown project id: p9.' });
    });

    it.each([
      ['an unknown id', () => crypto.randomUUID()],
      ['an id no run can have', () => 'idem%23alice%23same-body-1'],
    ])('answers 404 for %s', async (_name, id) => {
      await expectProblem(await api.call('GET', `/v1/reports/${id()}`, { token: alice }), 404, 'not-found');
    });

    it('answers 400 for a query parameter', async () => {
      await expectProblem(await api.call('GET', `/v1/reports/${done.id}?verbose=1`, { token: alice }), 400);
    });
  });

  describe('GET /v1/reports/{id}/download', () => {
    it('redirects to a presigned URL valid for 15 minutes by default, serving the artifact', async () => {
      const res = await api.call('GET', `/v1/reports/${done.id}/download?format=csv`, { token: alice });
      const location = res.headers.get('location')!;
      expect(res.status).toBe(302);
      expect(location).toContain('X-Amz-Expires=900');
      const file = await fetch(location);
      expect(file.status).toBe(200);
      expect(await file.text()).toContain('alpha');
    });

    it('takes the URL lifetime from expiresIn, up to 7 days', async () => {
      const res = await api.call('GET', `/v1/reports/${done.id}/download?format=json&expiresIn=604800`, { token: alice });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toContain('X-Amz-Expires=604800');
      const tooLong = await expectProblem(await api.call('GET', `/v1/reports/${done.id}/download?expiresIn=604801`, { token: alice }), 400);
      expect(tooLong.errors![0]!.message).toContain('604800');
    });

    it('answers 400 for an unknown format and 404 for one not rendered', async () => {
      await expectProblem(await api.call('GET', `/v1/reports/${done.id}/download?format=docx`, { token: alice }), 400);
      await expectProblem(await api.call('GET', `/v1/reports/${done.id}/download?format=html`, { token: alice }), 404, 'format-not-rendered');
    });

    it('answers 409 while the run has not succeeded', async () => {
      const id = await storedRun('queued');
      await expectProblem(await api.call('GET', `/v1/reports/${id}/download`, { token: alice }), 409, 'report-not-ready');
    });

    it('answers 405 for POST', async () => {
      const res = await api.call('POST', `/v1/reports/${done.id}/download`, { token: alice });
      await expectProblem(res, 405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    });
  });

  describe('GET /v1/reports/{id}/data', () => {
    it('returns the JSON snapshot', async () => {
      const res = await api.call('GET', `/v1/reports/${done.id}/data`, { token: alice });
      const data = (await res.json()) as Record<string, unknown>;
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(JSON.stringify(data)).toContain('alpha');
    });

    it('answers 409 for a run without a snapshot', async () => {
      await expectProblem(await api.call('GET', `/v1/reports/${await storedRun('running')}/data`, { token: alice }), 409, 'report-not-ready');
    });
  });

  describe('DELETE /v1/reports/{id}', () => {
    it('deletes the run and its artifacts', async () => {
      const created = (await (await api.call('POST', '/v1/reports', { token: alice, body: { type: 'inventory', formats: ['json'] } })).json()) as {
        id: string;
      };
      const run = reportRunSchema.parse(await api.waitForRun(alice, created.id));
      const keys = (await api.rt.deps.runs.get(run.id))!.artifacts.map((a) => a.key);
      expect(await api.rt.deps.artifacts.get(keys[0]!)).toBeDefined();

      const res = await api.call('DELETE', `/v1/reports/${run.id}`, { token: alice });

      expect(res.status).toBe(204);
      await expectProblem(await api.call('GET', `/v1/reports/${run.id}`, { token: alice }), 404);
      for (const key of keys) expect(await api.rt.deps.artifacts.get(key)).toBeUndefined();
    });

    it('answers 409 while the run is running', async () => {
      await expectProblem(await api.call('DELETE', `/v1/reports/${await storedRun('running')}`, { token: alice }), 409, 'report-running');
    });

    it('answers 403 without reports:write', async () => {
      await expectProblem(await api.call('DELETE', `/v1/reports/${done.id}`, { token: aliceReader }), 403);
    });
  });

  describe('routes that do not exist', () => {
    // `/` is the web console's page (test/console/).
    it.each(['/v1/nope', '/v1/reports/a/b/c', '/v2/reports', '/v1'])('answers 404 problem+json for %s', async (path) => {
      await expectProblem(await api.call('GET', path, { token: alice }), 404, 'not-found');
    });
  });

  describe('GET /v1/health', () => {
    it('reports storage, queue and OpenStack by status alone without a token, with latency to an admin', async () => {
      const res = await api.call('GET', '/v1/health');
      const body = (await res.json()) as { status: string; checks: Record<string, { status: string; latencyMs?: number }> };
      expect(res.status).toBe(200);
      expect(body.status).toBe('ok');
      expect(Object.keys(body.checks)).toEqual(expect.arrayContaining(['openstack', 'queue', 'storage']));
      for (const check of Object.values(body.checks)) expect(check).toEqual({ status: 'ok' });
      const admin = (await (await api.call('GET', '/v1/health', { token: await api.rt.mintToken('root', ['admin']) })).json()) as typeof body;
      for (const check of Object.values(admin.checks)) expect(check).toEqual({ status: 'ok', latencyMs: expect.any(Number) });
    });
  });
});
