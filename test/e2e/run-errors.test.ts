/**
 * How a run reports the errors that stop it, through the local runtime (real HTTP, dynalite,
 * s3rver, the in-process queue and worker): a transient class is retried, anything unrecognised
 * fails the run once with a neutral message and a reference; the detail is only in the logs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PdfRenderer } from '../../src/domain/ports';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { fakeInventory, fakeServer } from '../helpers/fake-inventory';
import { memoryLogger } from '../schedules/fakes';

type LogLine = { level: string; message: string; extra?: Record<string, unknown> };

describe('errors that stop a run', () => {
  let dir: string;
  let rt: LocalRuntime;
  let token: string;
  let renders = 0;
  let failWith: () => Error = () => new Error('unset');
  const lines: LogLine[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-run-errors-'));
    const pdf: PdfRenderer = {
      render: async () => {
        renders += 1;
        throw failWith();
      },
      close: async () => undefined,
    };
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory([{ id: 'p1', name: 'shop', enabled: true }], [fakeServer(1, { name: 'alpha' })]),
      maxReceiveCount: 3,
      visibilityTimeoutMs: 100,
      downloadUrlTtlSeconds: 60,
      logger: memoryLogger(lines),
      pdf,
    });
    token = await rt.mintToken('carol', ['reports:read', 'reports:write']);
  });
  beforeEach(() => {
    renders = 0;
    lines.length = 0;
  });
  afterAll(async () => {
    await rt?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function runToEnd(): Promise<Record<string, unknown> & { attempts: number; error: { code: string; message: string } }> {
    const res = await fetch(`${rt.url}/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'inventory', formats: ['pdf'] }),
    });
    const { id } = (await res.json()) as { id: string };
    for (let i = 0; i < 300; i++) {
      const run = (await (await fetch(`${rt.url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
      if (run.status === 'failed' || run.status === 'succeeded') return run as never;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`run ${id} did not finish`);
  }

  it('fails a run once on a programming error, with a neutral message and a reference that finds the detail in the logs', async () => {
    failWith = () => new TypeError("Cannot read properties of undefined (reading 'rows')");

    const run = await runToEnd();

    expect(run.status).toBe('failed');
    expect(run.attempts).toBe(1);
    expect(renders).toBe(1);
    expect(run.error.code).toBe('internal_error');
    expect(run.error.message).toMatch(/^An internal error stopped this report \(reference [0-9a-z]{8}\)\. An operator can find the details in the logs\.$/);
    expect(run.error.message).not.toContain('rows');
    const reference = /reference ([0-9a-z]{8})/.exec(run.error.message)![1];
    const logged = lines.find((l) => l.level === 'error' && l.extra?.reference === reference);
    expect(logged?.message).toBe('run failed');
    expect(String(logged?.extra?.error)).toContain("reading 'rows'");
  });

  it('retries a Chromium crash (a transient class) up to the receive limit, then says what kind of failure it was', async () => {
    failWith = () => Object.assign(new Error('Protocol error (Page.printToPDF): Target closed'), { name: 'TargetCloseError' });

    const run = await runToEnd();

    expect(run.status).toBe('failed');
    expect(run.attempts).toBe(3);
    expect(renders).toBe(3);
    expect(run.error.code).toBe('temporarily_unavailable');
    expect(run.error.message).toMatch(
      /^A temporary error \(the PDF renderer crashed or timed out\) stopped this report after 3 attempts \(reference [0-9a-z]{8}\)\. An operator/,
    );
    expect(run.error.message).not.toContain('printToPDF');
  });

  it('shows the message of an error written for users (an AppError) as it is', async () => {
    const { AppError } = await import('../../src/domain/errors');
    failWith = () => new AppError('too_big', 'The report is too large to print; narrow its scope.');

    const run = await runToEnd();

    expect(run.attempts).toBe(1);
    expect(run.error).toEqual({ code: 'too_big', message: 'The report is too large to print; narrow its scope.' });
  });
});
