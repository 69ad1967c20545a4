/**
 * The local runtime (real HTTP on 127.0.0.1, dynalite, s3rver, in-process queue and worker) set up
 * for API tests: a fake cloud, a PDF renderer that needs no Chromium, and the schedules unit.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect } from 'vitest';
import { problemSchema } from '../../src/handlers/api/openapi/response-schemas';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import type { PdfRenderer } from '../../src/domain/ports';
import { startLocalRuntime, type LocalRuntime, type LocalRuntimeOptions } from '../../src/wiring/local/runtime';
import { fakeInventory, fakeServer } from './fake-inventory';

/** Every scope a token can have. */
export const allScopes = ['reports:read', 'reports:write', 'schedules:read', 'schedules:write'];

/** A one-page blank PDF per render: the API is under test, not Chromium. */
export const blankPdfRenderer: PdfRenderer = {
  render: async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    return doc.save();
  },
  close: async () => undefined,
};

export interface ApiRuntime {
  rt: LocalRuntime;
  url: string;
  close(): Promise<void>;
  /** Sends a request with a bearer token (when given) and, for objects, a JSON body. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Polls a run until it has succeeded or failed. */
  waitForRun(token: string, id: string): Promise<Record<string, unknown>>;
}

/** Starts the local runtime for API tests (silent); `options` replace its defaults (a logger, telemetry, …). */
export async function startApiRuntime(options: Partial<Omit<LocalRuntimeOptions, 'dataDir'>> = {}): Promise<ApiRuntime> {
  const dir = await mkdtemp(join(tmpdir(), 'osr-api-'));
  const rt = await startLocalRuntime({
    port: 0,
    dataDir: dir,
    ephemeral: true,
    inventory: async () => fakeInventory([{ id: 'p1', name: 'shop', enabled: true }], [fakeServer(1, { name: 'alpha' }), fakeServer(2, { name: 'beta' })]),
    maxReceiveCount: 2,
    visibilityTimeoutMs: 500,
    downloadUrlTtlSeconds: 900,
    logger: silentLogger,
    pdf: blankPdfRenderer,
    ...options,
  });

  const call: ApiRuntime['call'] = (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    return fetch(`${rt.url}${path}`, { method, headers, body, redirect: 'manual' });
  };

  return {
    rt,
    url: rt.url,
    call,
    close: async () => {
      await rt.close();
      await rm(dir, { recursive: true, force: true });
    },
    waitForRun: async (token, id) => {
      for (let i = 0; i < 300; i++) {
        const res = await call('GET', `/v1/reports/${id}`, { token });
        if (res.status === 200) {
          const run = (await res.json()) as Record<string, unknown>;
          if (run.status === 'succeeded' || run.status === 'failed') return run;
        } else await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`run ${id} did not finish`);
    },
  };
}

/**
 * One API runtime for the enclosing `describe` (started in `beforeAll`, closed in `afterAll`) and a
 * token of alice's with every scope; read both inside tests, once `beforeAll` has run.
 */
export function useApiRuntime(): { readonly api: ApiRuntime; readonly alice: string } {
  const started = {} as { api: ApiRuntime; alice: string };
  beforeAll(async () => {
    started.api = await startApiRuntime();
    started.alice = await started.api.rt.mintToken('alice', allScopes);
  });
  afterAll(() => started.api?.close());
  return started;
}

/** Asserts an RFC 9457 answer and returns it. */
export async function expectProblem(res: Response, status: number, type?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = problemSchema.parse(await res.json());
  expect(body.status).toBe(status);
  if (type) expect(body.type).toBe(`urn:openstack-reports:problem:${type}`);
  return body;
}
