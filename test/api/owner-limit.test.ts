/**
 * Per-owner limit on runs queued or running, through the local runtime: the owner at the limit gets
 * 429 problem+json with Retry-After, for reports and schedule run-now alike; other owners do not.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import type { PdfRenderer } from '../../src/domain/ports';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { allScopes, blankPdfRenderer, expectProblem } from '../helpers/api-runtime';
import { fakeInventory, fakeServer } from '../helpers/fake-inventory';

describe('MAX_QUEUED_RUNS_PER_OWNER', () => {
  let dir: string;
  let rt: LocalRuntime;
  let release: () => void = () => undefined;
  let gate = new Promise<void>((r) => (release = r));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-owner-limit-'));
    // Every render waits for the gate, so runs stay queued or running until the test opens it.
    const held: PdfRenderer = {
      render: async (html, options) => {
        await gate;
        return blankPdfRenderer.render(html, options);
      },
      close: async () => undefined,
    };
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory([{ id: 'p1', name: 'shop', enabled: true }], [fakeServer(1, { name: 'alpha' })]),
      maxReceiveCount: 3,
      visibilityTimeoutMs: 60_000,
      downloadUrlTtlSeconds: 60,
      logger: silentLogger,
      pdf: held,
      maxActiveRunsPerOwner: 3,
    });
  });
  afterAll(async () => {
    release();
    await rt?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = async (token: string) =>
    fetch(`${rt.url}/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'inventory', formats: ['pdf'] }),
    });

  it('answers 429 with Retry-After once an owner has the limit queued or running; others still get in; room comes back as runs finish', async () => {
    const alice = await rt.mintToken('alice', allScopes);
    const bob = await rt.mintToken('bob', allScopes);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(alice);
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }

    const refused = await post(alice);
    expect(refused.headers.get('retry-after')).toBe('30');
    const body = await expectProblem(refused, 429, 'too-many-runs');
    expect(body.detail).toContain('3 reports queued or running');

    // Schedule run-now counts against the same limit.
    const schedule = await fetch(`${rt.url}/v1/schedules`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json' },
      body: JSON.stringify({ expression: 'cron(0 6 1 * ? *)', timezone: 'UTC', report: { type: 'inventory' } }),
    });
    const { id: scheduleId } = (await schedule.json()) as { id: string };
    await expectProblem(
      await fetch(`${rt.url}/v1/schedules/${scheduleId}/run`, { method: 'POST', headers: { authorization: `Bearer ${alice}` } }),
      429,
      'too-many-runs',
    );

    expect((await post(bob)).status).toBe(202);

    release();
    for (const id of ids) {
      for (let i = 0; i < 200; i++) {
        const run = (await (await fetch(`${rt.url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${alice}` } })).json()) as { status: string };
        if (run.status === 'succeeded') break;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    expect((await post(alice)).status).toBe(202);
    gate = Promise.resolve();
  });
});
