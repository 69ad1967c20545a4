import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from '../../src/adapters/http/http-webhook-sender';
import { verifyWebhookSignature } from '../../src/adapters/http/webhook-signature';
import { startReceiver } from './webhook-receiver';

const secret = 'whsec-0123456789abcdef';
const body = JSON.stringify({ runId: 'run-1', status: 'succeeded', type: 'cost', links: {}, summary: { servers: 3 } });
const fast = { httpsOnly: false, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 };

describe('HttpWebhookSender against a receiver on 127.0.0.1', () => {
  const receivers: Awaited<ReturnType<typeof startReceiver>>[] = [];
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  afterEach(async () => {
    await Promise.all(receivers.splice(0).map((r) => r.close()));
  });

  it('sends exactly one POST, signed HMAC-SHA256 over `${timestamp}.${body}`', async () => {
    const r = await receiver();
    const before = Math.floor(Date.now() / 1000);

    const result = await new HttpWebhookSender(fast).send({ url: `${r.url}/hooks/reports?token=t`, body, secret, deliveryId: 'run-1:webhook' });

    expect(result).toEqual({ status: 204, attempts: 1 });
    expect(r.calls).toHaveLength(1);
    const [call] = r.calls;
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/hooks/reports?token=t');
    expect(call.body).toBe(body);
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['x-openstack-reports-delivery']).toBe('run-1:webhook');
    const timestamp = String(call.headers['x-openstack-reports-timestamp']);
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    // Independent check with node:crypto, as a receiver would do it.
    const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${call.body}`).digest('hex')}`;
    expect(call.headers['x-openstack-reports-signature']).toBe(expected);
    expect(verifyWebhookSignature({ secret, body: call.body, timestamp, signature: expected, now: new Date() })).toBe(true);
    expect(verifyWebhookSignature({ secret: 'wrong-secret-wrong', body: call.body, timestamp, signature: expected, now: new Date() })).toBe(false);
  });

  it('retries a receiver that fails twice and delivers on the third try', async () => {
    const r = await receiver((_call, index, res) => res.writeHead(index < 2 ? 503 : 200).end('ok'));

    const result = await new HttpWebhookSender(fast).send({ url: r.url, body, secret, deliveryId: 'run-1:webhook' });

    expect(result).toEqual({ status: 200, attempts: 3 });
    expect(r.calls).toHaveLength(3);
    expect(new Set(r.calls.map((c) => c.body))).toEqual(new Set([body]));
  });

  it('retries 429 and gives up with a retryable error after maxAttempts', async () => {
    const r = await receiver((_call, _i, res) => res.writeHead(429, { 'Retry-After': '0' }).end());

    const sending = new HttpWebhookSender({ ...fast, maxAttempts: 3 }).send({ url: r.url, body, deliveryId: 'd' });

    await expect(sending).rejects.toMatchObject({
      code: 'webhook_unavailable',
      retryable: true,
      message: expect.stringContaining('answered 429: POST'),
      // The count is the error's, not its text's: the delivery state shows it.
      attempts: 3,
    });
    expect(r.calls).toHaveLength(3);
    expect(r.calls[0].headers['x-openstack-reports-signature']).toBeUndefined();
  });

  it('does not retry a 4xx answer', async () => {
    const r = await receiver((_call, _i, res) => res.writeHead(410).end());

    await expect(new HttpWebhookSender(fast).send({ url: `${r.url}/gone?secret=x`, body, deliveryId: 'd' })).rejects.toMatchObject({
      code: 'webhook_rejected',
      retryable: false,
      // The query string may hold a token: never in messages.
      message: `The webhook receiver answered 410: POST ${r.url}/gone`,
    });
    expect(r.calls).toHaveLength(1);
  });

  it('follows a same-host redirect with the same POST, refuses one to another host', async () => {
    const target = await receiver();
    const moved = await receiver((call, _i, res) => (call.url === '/old' ? res.writeHead(308, { Location: '/new' }).end() : res.writeHead(204).end()));
    const bouncer = await receiver((_call, _i, res) => res.writeHead(307, { Location: `${target.url}/steal` }).end());

    await new HttpWebhookSender(fast).send({ url: `${moved.url}/old`, body, secret, deliveryId: 'd' });
    const refused = new HttpWebhookSender(fast).send({ url: bouncer.url, body, secret, deliveryId: 'd' });

    expect(moved.calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/old', body],
      ['POST', '/new', body],
    ]);
    await expect(refused).rejects.toMatchObject({ code: 'webhook_redirect_refused', retryable: false });
    expect(target.calls).toEqual([]);
  });

  it('on AWS refuses plain http URLs before sending anything', async () => {
    const r = await receiver();

    await expect(new HttpWebhookSender({ ...fast, httpsOnly: true }).send({ url: r.url, body, deliveryId: 'd' })).rejects.toMatchObject({
      code: 'webhook_insecure_url',
      retryable: false,
    });
    expect(r.calls).toEqual([]);
  });

  it.each([
    ['an IP literal', (port: number) => `http://127.0.0.1:${port}/hooks`],
    ['an IPv6 literal', (port: number) => `http://[::1]:${port}/hooks`],
    ['a name that resolves to loopback', (port: number) => `http://localhost:${port}/hooks`],
  ])('on AWS refuses a receiver on a private address, given by %s, without sending', async (_, url) => {
    const r = await receiver();
    const port = new URL(r.url).port;

    const refused = new HttpWebhookSender({ ...fast, refusePrivateAddresses: true }).send({ url: url(Number(port)), body, deliveryId: 'd' });

    await expect(refused).rejects.toMatchObject({
      code: 'webhook_private_address',
      retryable: false,
      message: expect.stringMatching(/^Webhooks may not call private or reserved addresses: .*(127\.0\.0\.1|::1).* a private or reserved address: POST http:/),
    });
    expect(r.calls).toEqual([]);
    // The same receiver is reachable when private addresses are allowed (the local default).
    await expect(new HttpWebhookSender(fast).send({ url: `http://127.0.0.1:${port}/hooks`, body, deliveryId: 'd' })).resolves.toMatchObject({ status: 204 });
  });

  it.each(['[::127.0.0.1]', '[::ffff:0:7f00:1]', '[64:ff9b::7f00:1]', '[2002:7f00:1::1]', '[2001:0:4136:e378:8000:63bf:80ff:fffe]', '[fec0::1]'])(
    'on AWS refuses the IPv6 literal %s (a loopback IPv4 inside, or site-local) before connecting',
    async (host) => {
      const refused = new HttpWebhookSender({ ...fast, refusePrivateAddresses: true }).send({ url: `http://${host}:9/hooks`, body, deliveryId: 'd' });
      await expect(refused).rejects.toMatchObject({ code: 'webhook_private_address', retryable: false });
    },
  );

  it('takes a 2xx as delivered without reading an endless answer', async () => {
    // 4 MB and never ended: waiting for the end would time out and retry.
    const r = await receiver((_call, _index, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      for (let i = 0; i < 64; i++) res.write('x'.repeat(64 * 1024));
    });

    await expect(new HttpWebhookSender(fast).send({ url: r.url, body, deliveryId: 'd' })).resolves.toEqual({ status: 200, attempts: 1 });
  });

  it('times out a receiver that does not answer, and retries', async () => {
    const r = await receiver(() => {
      // never answers
    });

    const sending = new HttpWebhookSender({ ...fast, timeoutMs: 100, maxAttempts: 2 }).send({ url: r.url, body, deliveryId: 'd' });

    await expect(sending).rejects.toMatchObject({ retryable: true, attempts: 2, message: expect.stringContaining('timed out after 100 ms: POST') });
    expect(r.calls).toHaveLength(2);
  });

  it('reports an unreachable receiver as retryable', async () => {
    const r = await receiver();
    await r.close();

    await expect(new HttpWebhookSender({ ...fast, maxAttempts: 2 }).send({ url: r.url, body, deliveryId: 'd' })).rejects.toMatchObject({
      code: 'webhook_unavailable',
      retryable: true,
      message: expect.stringContaining('could not be reached (ECONNREFUSED)'),
    });
  });
});
