import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../src/adapters/openstack/http/backoff';
import { OpenStackHttpError } from '../../src/adapters/openstack/errors/openstack-http-error';
import { OpenStackNetworkError } from '../../src/adapters/openstack/errors/openstack-network-error';
import { OpenStackTimeoutError } from '../../src/adapters/openstack/errors/openstack-timeout-error';
import { createNodeExchange } from '../../src/adapters/http/http-exchange';
import { HttpTransport, type HttpRequest } from '../../src/adapters/openstack/http/transport';
import type { ServiceType } from '../../src/adapters/openstack/service-type';
import { FixtureServer } from './helpers/fixture-server';
import { memoryLogger, rejection } from './helpers/test-client';

function transport(options: Partial<ConstructorParameters<typeof HttpTransport>[0]> = {}) {
  return new HttpTransport({
    exchange: createNodeExchange({ verify: true }),
    timeoutMs: 2_000,
    maxRetries: 3,
    concurrency: 4,
    backoff: { baseDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 30_000, random: () => 0.5 },
    ...options,
  });
}

describe('HTTP transport', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await FixtureServer.start();
  });
  afterEach(() => server.close());

  const get = (path: string, service: ServiceType = 'compute'): HttpRequest => ({
    service,
    method: 'GET',
    url: `${server.url}${path}`,
    okCodes: [200],
  });

  it('retries 503 with backoff until the page comes', async () => {
    let calls = 0;
    server.on('GET', '/servers/detail', () => (++calls < 3 ? { status: 503, text: 'busy' } : { json: { servers: [] } }));
    const t = transport();
    await expect(t.send(get('/servers/detail'))).resolves.toMatchObject({ status: 200, body: { servers: [] } });
    expect(t.stats).toEqual({ requests: 3, retries: 2 });
  });

  it('waits as long as Retry-After says on 429 (seconds and HTTP date), capped', async () => {
    let calls = 0;
    server.on('GET', '/limited', () =>
      ++calls === 1 ? { status: 429, headers: { 'Retry-After': '0' }, json: { overLimit: { code: 429, message: 'slow down' } } } : { json: {} },
    );
    const logger = memoryLogger();
    await transport({ logger }).send(get('/limited'));
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.extra)).toEqual([expect.objectContaining({ status: 429, delayMs: 0, retry: 1 })]);
    expect(retryAfterMs('7', 30_000)).toBe(7_000);
    expect(retryAfterMs('3600', 30_000)).toBe(30_000);
    expect(retryAfterMs(new Date(Date.UTC(2030, 0, 1, 0, 0, 5)).toUTCString(), 30_000, Date.UTC(2030, 0, 1))).toBe(5_000);
    expect(retryAfterMs('soon', 30_000)).toBeUndefined();
  });

  it('fails with the last error, naming status, URL and request id, when retries run out', async () => {
    server.on('GET', '/servers/detail', {
      status: 503,
      headers: { 'x-compute-request-id': 'req-0b2c' },
      json: { serviceUnavailable: { code: 503, message: 'cell down' } },
    });
    const t = transport();
    const error = await rejection<OpenStackHttpError>(t.send(get('/servers/detail?limit=1000&marker=m1')));
    expect(error).toBeInstanceOf(OpenStackHttpError);
    expect(error.message).toBe(`Request failed with 503: GET ${server.url}/servers/detail?limit=1000&marker=m1 (request id req-0b2c): cell down`);
    expect(error).toMatchObject({ retryable: true, status: 503, service: 'compute', requestId: 'req-0b2c' });
    expect(t.stats.requests).toBe(4);
  });

  it('does not retry 4xx', async () => {
    server.on('GET', '/missing', { status: 404, json: { itemNotFound: { code: 404, message: 'Flavor 7 could not be found.' } } });
    const t = transport();
    const error = await rejection<OpenStackHttpError>(t.send(get('/missing')));
    expect(error).toMatchObject({ status: 404, retryable: false, serviceMessage: 'Flavor 7 could not be found.' });
    expect(t.stats.requests).toBe(1);
  });

  it.each<[ServiceType, unknown, string]>([
    ['compute', { itemNotFound: { code: 404, message: 'Instance x could not be found.' } }, 'Instance x could not be found.'],
    ['block-storage', { badRequest: { code: 400, message: 'Invalid filter keys: bogus' } }, 'Invalid filter keys: bogus'],
    [
      'identity',
      { error: { code: 403, title: 'Forbidden', message: 'You are not authorized to perform the requested action: identity:list_projects.' } },
      'You are not authorized to perform the requested action: identity:list_projects.',
    ],
    [
      'network',
      { NeutronError: { type: 'NetworkNotFound', message: 'Network n could not be found.', detail: '' } },
      'NetworkNotFound: Network n could not be found.',
    ],
    [
      'placement',
      { errors: [{ status: 400, title: 'Bad Request', detail: 'Invalid query string parameters', code: 'placement.undefined_code', request_id: 'req-1' }] },
      'Invalid query string parameters',
    ],
    [
      'image',
      '<html><body><h1>403 Forbidden</h1>Access was denied to this resource.<br /><br /></body></html>',
      '403 Forbidden Access was denied to this resource.',
    ],
    [
      'compute',
      { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } },
      'The request you have made requires authentication.',
    ],
  ])('extracts the %s error message', async (service, body, expected) => {
    server.on('GET', '/fail', typeof body === 'string' ? { status: 403, text: body } : { status: 400, json: body });
    const error = await rejection<OpenStackHttpError>(transport().send(get('/fail', service)));
    expect(error.serviceMessage).toBe(expected);
    expect(error.message.endsWith(`: ${expected}`)).toBe(true);
  });

  it('times out a slow answer with a retryable OpenStackTimeoutError', async () => {
    server.on('GET', '/slow', { delayMs: 500, json: {} });
    const t = transport({ timeoutMs: 50, maxRetries: 1 });
    const error = await rejection<OpenStackTimeoutError>(t.send(get('/slow')));
    expect(error).toBeInstanceOf(OpenStackTimeoutError);
    expect(error.message).toBe(`Request timed out after 50 ms: GET ${server.url}/slow`);
    expect(error.retryable).toBe(true);
    expect(t.stats.requests).toBe(2);
  });

  it('retries a reset connection and reports a network error when it persists', async () => {
    let calls = 0;
    server.on('GET', '/flaky', () => (++calls === 1 ? { destroy: true } : { json: { ok: true } }));
    await expect(transport().send(get('/flaky'))).resolves.toMatchObject({ body: { ok: true } });

    server.on('GET', '/dead', { destroy: true });
    const error = await rejection<OpenStackNetworkError>(transport({ maxRetries: 1 }).send(get('/dead')));
    expect(error).toBeInstanceOf(OpenStackNetworkError);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(`Network error: GET ${server.url}/dead: socket hang up`);
    expect(error.causeCode).toBe('ECONNRESET');
  });

  it('never takes half a page: a body cut short is a network error, retried', async () => {
    const page = { servers: Array.from({ length: 200 }, (_, i) => ({ id: `s${i}`, name: `server ${i}` })) };
    let calls = 0;
    server.on('GET', '/servers/detail', () => (++calls === 1 ? { json: page, truncateAt: 1000 } : { json: page }));
    await expect(transport().send(get('/servers/detail'))).resolves.toMatchObject({ body: page });
    expect(calls).toBe(2);

    server.on('GET', '/cut', { json: page, truncateAt: 1000 });
    const error = await rejection<OpenStackNetworkError>(transport({ maxRetries: 0 }).send(get('/cut')));
    expect(error).toBeInstanceOf(OpenStackNetworkError);
    expect(error.retryable).toBe(true);
  });

  it('reads UTF-8 bodies (names in any script) and drops a byte-order mark', async () => {
    const names = { servers: [{ name: 'Überwachung-東京-сервер-🚀' }] };
    server.on('GET', '/utf8', { json: names });
    server.on('GET', '/bom', { text: `\uFEFF${JSON.stringify(names)}`, headers: { 'Content-Type': 'application/json' } });

    await expect(transport().send(get('/utf8'))).resolves.toMatchObject({ body: names });
    await expect(transport().send(get('/bom'))).resolves.toMatchObject({ body: names });
  });

  it('keeps no more requests in flight than the concurrency limit', async () => {
    let inFlight = 0;
    let peak = 0;
    server.on('GET', '/slowish', async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return { json: {} };
    });
    const t = transport({ concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => t.send(get('/slowish'))));
    expect(peak).toBe(3);
  });

  it('never puts the token in messages or logs', async () => {
    server.on('GET', '/x', { status: 500, text: 'boom' });
    const logger = memoryLogger();
    const error = await rejection<Error>(transport({ logger, maxRetries: 1 }).send({ ...get('/x'), headers: { 'X-Auth-Token': 'gAAAAA-secret-token' } }));
    expect(`${error.message} ${JSON.stringify(logger.lines)}`).not.toContain('gAAAAA-secret-token');
  });
});

describe('redirects', () => {
  let server: FixtureServer;
  beforeEach(async () => {
    server = await FixtureServer.start();
  });
  afterEach(() => server.close());

  it('follows a same-origin redirect but never sends the token to another origin', async () => {
    server.on('GET', '/v2.1', { status: 301, headers: { Location: '/v2.1/' } });
    server.on('GET', '/v2.1/', { json: { version: { id: 'v2.1' } } });
    server.on('GET', '/elsewhere', { status: 302, headers: { Location: 'http://other.invalid/steal' } });
    const t = transport();
    const ok = await t.send({ service: 'compute', method: 'GET', url: `${server.url}/v2.1`, okCodes: [200], headers: { 'X-Auth-Token': 't' } });
    expect(ok.body).toEqual({ version: { id: 'v2.1' } });
    expect(server.calls('/v2.1/')[0]!.headers['x-auth-token']).toBe('t');

    const error = await rejection<OpenStackHttpError>(t.send({ service: 'compute', method: 'GET', url: `${server.url}/elsewhere`, okCodes: [200] }));
    expect(error).toMatchObject({ status: 302, retryable: false });
    expect(error.message).toContain('redirected to http://other.invalid/steal; not followed');
  });
});
