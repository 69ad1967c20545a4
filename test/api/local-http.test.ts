/**
 * The local server's edges: links from the runtime's own URL whatever the Host header says, and
 * problem+json for what Node or the adapter would answer bare (a bad Host, an unparsable request,
 * headers too large, an oversized body announced with Expect: 100-continue).
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { problemSchema } from '../../src/handlers/api/openapi/response-schemas';
import { useApiRuntime } from '../helpers/api-runtime';

/** Writes `text` on a fresh connection and returns everything the server sent until it closed (or 3 s passed). */
function raw(url: string, text: string | ((send: (s: string) => void) => void)): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    let out = '';
    const socket = connect(Number(port), '127.0.0.1', () => (typeof text === 'string' ? socket.write(text) : text((s) => socket.write(s))));
    const done = () => resolve(out);
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('close', done);
    socket.on('error', done);
    setTimeout(() => socket.destroy(), 3000).unref();
  });
}

/** Status and problem body of a raw answer; throws unless it is problem+json. */
function problemOf(answer: string) {
  const [head, body] = answer.split('\r\n\r\n', 2) as [string, string];
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  expect(head.toLowerCase()).toContain('content-type: application/problem+json');
  return { status, head, problem: problemSchema.parse(JSON.parse(body)) };
}

describe('the local HTTP server', () => {
  const ctx = useApiRuntime();

  /** A request with a Host header of our choosing (fetch would not send it). */
  const withHost = (method: string, path: string, host: string, body?: string) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const { port } = new URL(ctx.api.url);
      const headers: Record<string, string> = { host, authorization: `Bearer ${ctx.alice}` };
      if (body) headers['content-type'] = 'application/json';
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('writes links with its own URL, not the Host header', async () => {
    const created = await withHost('POST', '/v1/reports', 'evil.example.com', JSON.stringify({ type: 'inventory', formats: ['json'] }));
    expect(created.status).toBe(202);
    expect(created.headers.location).toMatch(new RegExp(`^${ctx.api.url}/v1/reports/`));
    expect(created.body).not.toContain('evil');
    const listed = await withHost('GET', '/v1/reports?limit=1', 'evil.example.com:8080');
    expect(listed.body).not.toContain('evil');
    const document = JSON.parse((await withHost('GET', '/v1/openapi.json', 'evil.example.com')).body) as { servers: { url: string }[] };
    expect(document.servers).toEqual([{ url: ctx.api.url }]);
  });

  it.each([
    ['a Host with a space', 'GET /v1/health HTTP/1.1\r\nHost: a b\r\n\r\n', 400],
    ['a Host with a slash', 'GET /v1/health HTTP/1.1\r\nHost: a/b\r\n\r\n', 400],
    ['a Host with userinfo', 'GET /v1/health HTTP/1.1\r\nHost: user@evil\r\n\r\n', 400],
    ['a Host with a bad port', 'GET /v1/health HTTP/1.1\r\nHost: a:99999\r\n\r\n', 400],
    ['a Host with bad brackets', 'GET /v1/health HTTP/1.1\r\nHost: [zz]\r\n\r\n', 400],
    ['no Host (HTTP/1.1)', 'GET /v1/health HTTP/1.1\r\n\r\n', 400],
    ['two Host headers', 'GET /v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400],
    ['an asterisk target', 'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n', 400],
    ['a target without a slash', 'GET v1/health HTTP/1.1\r\nHost: a\r\n\r\n', 400],
    ['an unknown HTTP version', 'GET /v1/health HTTP/9.9\r\nHost: a\r\n\r\n', 400],
    ['garbage', 'HELLO\r\n\r\n', 400],
    ['headers over the limit', `GET /v1/health HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['an unknown expectation', 'POST /v1/reports HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}', 417],
  ])('answers %s with problem+json', async (_name, text, status) => {
    // Connection: close, so the answer ends with the connection.
    const answer = problemOf(await raw(ctx.api.url, text.replace('\r\n', '\r\nConnection: close\r\n')));
    expect(answer.status).toBe(status);
    expect(answer.problem.status).toBe(status);
  });

  it('answers an oversized upload announced with Expect: 100-continue with 413 at once, never 100 Continue', async () => {
    const head = `POST /v1/reports HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer ${ctx.alice}\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\nExpect: 100-continue\r\n\r\n`;
    const answer = await raw(ctx.api.url, head);
    expect(answer).not.toContain('100 Continue');
    const { status, head: headers, problem } = problemOf(answer);
    expect(status).toBe(413);
    expect(headers.toLowerCase()).toContain('connection: close');
    expect(problem).toMatchObject({ type: 'urn:openstack-reports:problem:body-too-large', limit: 256 * 1024 });
  });

  it('lets a small upload announced with Expect: 100-continue through after 100 Continue', async () => {
    const body = JSON.stringify({ type: 'inventory', formats: ['json'] });
    const head = `POST /v1/reports HTTP/1.1\r\nHost: a\r\nConnection: close\r\nAuthorization: Bearer ${ctx.alice}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`;
    const answer = await raw(ctx.api.url, (send) => {
      send(head);
      // The body only after the interim answer, as a client that waits for it would.
      setTimeout(() => send(body), 200);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 202 /);
  });

  it('serves an HTTP/1.0 request without Host', async () => {
    expect(await raw(ctx.api.url, 'GET /v1/health HTTP/1.0\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
  });
});
