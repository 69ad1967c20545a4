/** A client that goes away mid-body is noted, not logged as a 500 of ours. */
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/domain/ports';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { blankPdfRenderer } from '../helpers/api-runtime';
import { fakeInventory } from '../helpers/fake-inventory';

describe('a client that aborts mid-body', () => {
  let rt: LocalRuntime;
  let dir: string;
  const lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    debug: (message, extra) => lines.push({ level: 'debug', message, extra }),
    info: (message, extra) => lines.push({ level: 'info', message, extra }),
    warn: (message, extra) => lines.push({ level: 'warn', message, extra }),
    error: (message, extra) => lines.push({ level: 'error', message, extra }),
    with: () => logger,
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-abort-'));
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory([], []),
      maxReceiveCount: 2,
      visibilityTimeoutMs: 500,
      downloadUrlTtlSeconds: 900,
      logger,
      pdf: blankPdfRenderer,
    });
  });
  afterAll(async () => {
    await rt?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each(['/v1/reports', '/v1/schedules'])('on POST %s is logged at info level as a client abort, never as an error', async (path) => {
    lines.length = 0;
    const token = await rt.mintToken('alice', ['reports:write', 'schedules:write']);
    const { port } = new URL(rt.url);
    await new Promise<void>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":`,
        );
        setTimeout(() => socket.destroy(), 200);
      });
      socket.on('close', () => resolve());
    });
    await expect.poll(() => lines.some((l) => l.message.includes('client closed')), { timeout: 5000 }).toBe(true);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(lines.find((l) => l.message.includes('client closed'))).toMatchObject({ level: 'info', extra: { path, method: 'POST' } });
  });
});
