/**
 * A transient failure is retried after the backoff, not after the queue's visibility timeout: the
 * worker shortens the message's visibility (ChangeMessageVisibility) and the run says when.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import type { PdfRenderer } from '../../src/domain/ports';
import { reportRunSchema } from '../../src/handlers/api/openapi/response-schemas';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { blankPdfRenderer } from '../helpers/api-runtime';
import { fakeInventory, fakeServer } from '../helpers/fake-inventory';

describe('retry backoff through the local runtime', () => {
  let dir: string;
  let rt: LocalRuntime;
  let token: string;
  let renders = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-backoff-'));
    const flaky: PdfRenderer = {
      render: async (html, options) => {
        renders += 1;
        if (renders === 1) throw Object.assign(new Error('Navigation timeout of 120000 ms exceeded'), { name: 'TimeoutError' });
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
      // A lost message would come back after a minute; the backoff brings it back in about 1.5 s.
      visibilityTimeoutMs: 60_000,
      retryBackoff: { baseSeconds: 1.5, jitter: 0 },
      downloadUrlTtlSeconds: 60,
      logger: silentLogger,
      pdf: flaky,
    });
    token = await rt.mintToken('dave', ['reports:read', 'reports:write']);
  });
  afterAll(async () => {
    await rt?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows the attempt and when the next one is due while it waits, then retries after seconds, not the visibility timeout', async () => {
    const res = await fetch(`${rt.url}/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'inventory', formats: ['pdf'] }),
    });
    const { id } = (await res.json()) as { id: string };
    const get = async () => reportRunSchema.parse(await (await fetch(`${rt.url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } })).json());

    let waiting: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 100 && !waiting; i++) {
      const run = await get();
      if (run.status === 'queued' && run.attempts === 1) waiting = run;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(waiting?.nextAttemptAt).toBeDefined();
    const failedAt = Date.parse(waiting!.updatedAt);
    expect(Date.parse(waiting!.nextAttemptAt!) - failedAt).toBeGreaterThanOrEqual(1400);
    expect(Date.parse(waiting!.nextAttemptAt!) - failedAt).toBeLessThanOrEqual(1600);
    expect(waiting!.error?.message).toContain(`Attempt 1 of 3 failed; retrying at ${waiting!.nextAttemptAt}`);

    let done = waiting!;
    for (let i = 0; i < 200 && done.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      done = await get();
    }
    expect(done.status).toBe('succeeded');
    expect(done.attempts).toBe(2);
    expect(done.nextAttemptAt).toBeUndefined();
    expect(done.error).toBeUndefined();
    // Retried at the time it said, not a visibility timeout later.
    expect(Date.parse(done.finishedAt!)).toBeLessThan(Date.parse(waiting!.nextAttemptAt!) + 2000);
    expect(renders).toBe(2);
  });
});
