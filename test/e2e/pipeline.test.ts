import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import type { PdfRenderer } from '../../src/domain/ports';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { fakeInventory, fakeServer } from '../helpers/fake-inventory';
import { pdfText } from '../helpers/pdf-text';

const projects = [{ id: 'p1', name: 'shop', enabled: true }];
const servers = [fakeServer(1, { name: 'alpha-web' }), fakeServer(2, { name: 'beta-db' }), fakeServer(3, { name: 'gamma' })];

async function waitForFinish(rt: LocalRuntime, token: string, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${rt.url}/v1/reports/${id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} did not finish`);
}

describe('the report pipeline through the local runtime', () => {
  let dir: string;
  let rt: LocalRuntime;
  let token: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-pipeline-'));
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory(projects, servers),
      maxReceiveCount: 3,
      visibilityTimeoutMs: 200,
      downloadUrlTtlSeconds: 60,
      logger: silentLogger,
    });
    token = await rt.mintToken('alice', ['reports:read', 'reports:write']);
  });

  afterAll(async () => {
    await rt?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('turns POST {"type":"inventory"} into a PDF listing every server, behind a presigned link', async () => {
    // Act
    const res = await fetch(`${rt.url}/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'inventory' }),
    });
    const created = (await res.json()) as { id: string; status: string; links: { self: string } };
    const run = await waitForFinish(rt, token, created.id);
    const download = await fetch(`${rt.url}/v1/reports/${created.id}/download?format=pdf`, {
      headers: { authorization: `Bearer ${token}` },
      redirect: 'manual',
    });
    const pdf = new Uint8Array(await (await fetch(download.headers.get('location')!)).arrayBuffer());

    // Assess
    expect(res.status).toBe(202);
    expect(created.status).toBe('queued');
    expect(run.status).toBe('succeeded');
    expect(download.status).toBe(302);
    expect(download.headers.get('location')).toContain('X-Amz-Signature=');
    const { text } = await pdfText(pdf);
    for (const s of servers) expect(text).toContain(s.name);
  });

  it('answers an invalid body with problem+json naming each invalid field', async () => {
    const res = await fetch(`${rt.url}/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'nope', formats: ['pdf', 'docx'], bogus: 1 }),
    });
    const body = (await res.json()) as { type: string; errors: { path: string }[] };
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(body.errors.map((e) => e.path).sort()).toEqual(['(body)', 'formats.1', 'type'].sort());
  });
});

describe('a render that keeps failing', () => {
  let dir: string;
  let rt: LocalRuntime;
  let renders = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-failing-'));
    const brokenPdf: PdfRenderer = {
      render: async () => {
        renders += 1;
        // As puppeteer reports a Chromium that died mid-print: a transient class, retried.
        throw Object.assign(new Error('Protocol error: Chromium exited unexpectedly'), { name: 'TargetCloseError' });
      },
      close: async () => undefined,
    };
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory(projects, servers),
      maxReceiveCount: 3,
      visibilityTimeoutMs: 100,
      downloadUrlTtlSeconds: 60,
      logger: silentLogger,
      pdf: brokenPdf,
    });
  });

  afterAll(async () => {
    await rt?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is retried by the queue and then marked failed with its reason', async () => {
    const token = await rt.mintToken('bob', ['reports:read', 'reports:write']);
    const res = await fetch(`${rt.url}/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'inventory' }),
    });
    const { id } = (await res.json()) as { id: string };
    const run = await waitForFinish(rt, token, id);

    expect(run.status).toBe('failed');
    expect(run.attempts).toBe(3);
    expect(renders).toBe(3);
    expect((run.error as { message: string }).message).toContain('the PDF renderer crashed or timed out');
    expect((run.error as { message: string }).message).toContain('after 3 attempts');
  });
});
