import type { IncomingMessage } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSite } from '../../src/wiring/local/console-site';

const origin = 'http://127.0.0.1:3000';
const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage;
const tokenRequest = (body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${origin}/console/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, ...headers },
    body: JSON.stringify(body),
  });

describe('the console site of the local service', () => {
  let dir: string;
  let site: ReturnType<typeof consoleSite>;
  const minted: { sub: string; scopes: string[] }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-site-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    site = consoleSite({
      dir,
      origin,
      artifactOrigin: 'http://127.0.0.1:4569',
      mintToken: async (sub, scopes) => {
        minted.push({ sub, scopes });
        return `token-for-${sub}`;
      },
    });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('serves the page under a policy that allows scripts from itself only', async () => {
    const response = (await site(new Request(`${origin}/`), from('127.0.0.1')))!;
    const csp = response.headers.get('content-security-policy')!;
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4569");
  });

  it('tells the page to sign in locally', async () => {
    const response = (await site(new Request(`${origin}/config.json`), from('127.0.0.1')))!;
    expect(await response.json()).toEqual({ apiBaseUrl: '', auth: { mode: 'local' } });
  });

  it('leaves every other path to the API', async () => {
    expect(await site(new Request(`${origin}/v1/reports`), from('127.0.0.1'))).toBeUndefined();
    expect(await site(new Request(`${origin}/`, { method: 'POST' }), from('127.0.0.1'))).toBeUndefined();
  });

  it.each(['127.0.0.1', '::1', '::ffff:127.0.0.1'])('mints a token for a request from %s, admin only when asked', async (address) => {
    minted.length = 0;
    const user = (await site(tokenRequest({ subject: 'alice' }), from(address)))!;
    const admin = (await site(tokenRequest({ subject: 'root', admin: true }), from(address)))!;
    expect(user.status).toBe(200);
    expect(await user.json()).toMatchObject({ token: 'token-for-alice', subject: 'alice' });
    expect(admin.status).toBe(200);
    expect(minted).toEqual([
      { sub: 'alice', scopes: ['reports:read', 'reports:write', 'schedules:read', 'schedules:write'] },
      { sub: 'root', scopes: ['reports:read', 'reports:write', 'schedules:read', 'schedules:write', 'admin'] },
    ]);
  });

  it.each([
    ['another machine', tokenRequest({ subject: 'alice' }), '10.0.0.7', 403],
    ['a page of another origin', tokenRequest({ subject: 'alice' }, { origin: 'http://127.0.0.1:9999' }), '127.0.0.1', 403],
    ['a form post', tokenRequest({ subject: 'alice' }, { 'content-type': 'text/plain' }), '127.0.0.1', 415],
    ['a GET', new Request(`${origin}/console/dev-token`), '127.0.0.1', 405],
  ])('refuses %s', async (_, request, address, status) => {
    minted.length = 0;
    const response = (await site(request, from(address)))!;
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(minted).toEqual([]);
  });

  it('names the invalid field of a bad request', async () => {
    const response = (await site(tokenRequest({ subject: 'a b', admin: 'yes' }), from('127.0.0.1')))!;
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['admin', 'subject']);
  });
});
