import { describe, expect, it } from 'vitest';
import { allScopes, expectProblem } from '../helpers/api-runtime';
import { apiFakeApp, apiToken } from '../helpers/api-fakes';

const schedule = { expression: 'cron(0 6 1 * ? *)', timezone: 'Europe/Berlin', report: { type: 'inventory', formats: ['pdf'] } };
const hook = (url: string) => ({ webhook: { url, secret: 'a-secret-of-24-characters' } });

describe('webhook URLs under the AWS policy (https only, no private addresses)', () => {
  const { app, queue } = apiFakeApp({ webhookPolicy: { httpsOnly: true, refusePrivateAddresses: true } });
  const call = async (method: string, path: string, body: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${await apiToken('alice', allScopes)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it.each([
    ['http://hooks.example.com/r', 'must be an https:// URL in this deployment'],
    ['https://169.254.169.254/latest/meta-data', 'points at 169.254.169.254, a loopback, private or reserved address'],
    ['https://10.0.0.8/hooks', 'points at 10.0.0.8, a loopback, private or reserved address'],
    ['https://[::1]:8443/hooks', 'points at ::1, a loopback, private or reserved address'],
    ['https://LOCALHOST/hooks', 'points at localhost, a loopback, private or reserved address'],
    ['https://api.localhost/hooks', 'points at api.localhost, a loopback, private or reserved address'],
    ['https://localhost./hooks', 'points at localhost., a loopback, private or reserved address'],
    ['https://LOCALHOST./hooks', 'points at localhost., a loopback, private or reserved address'],
    ['https://foo.localhost./hooks', 'points at foo.localhost., a loopback, private or reserved address'],
    ['https://192.88.99.1/hooks', 'points at 192.88.99.1, a loopback, private or reserved address'],
    ['https://[::10.0.0.1]/hooks', 'a loopback, private or reserved address'],
    ['https://[::ffff:0:10.0.0.1]/hooks', 'a loopback, private or reserved address'],
    ['https://[::ffff:169.254.169.254]/hooks', 'a loopback, private or reserved address'],
    ['https://[64:ff9b::169.254.169.254]/hooks', 'a loopback, private or reserved address'],
    ['https://[64:ff9b:1::808:808]/hooks', 'a loopback, private or reserved address'],
    ['https://[2002:a9fe:a9fe::1]/hooks', 'a loopback, private or reserved address'],
    ['https://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hooks', 'a loopback, private or reserved address'],
    ['https://[fec0::1]/hooks', 'points at fec0::1, a loopback, private or reserved address'],
  ])('refuses a report with the webhook %s, naming the field', async (url, message) => {
    const queued = queue.jobs.length;

    const res = await call('POST', '/v1/reports', { type: 'inventory', formats: ['pdf'], delivery: hook(url) });

    const problem = await expectProblem(res, 400, 'validation-failed');
    expect(problem.errors).toEqual([{ path: 'delivery.webhook.url', message: expect.stringContaining(message) }]);
    expect(queue.jobs.length).toBe(queued);
  });

  it('lists the webhook beside every other invalid field', async () => {
    const res = await call('POST', '/v1/reports', { type: 'inventory', formats: ['docx'], delivery: hook('https://127.0.0.1/h') });

    const problem = await expectProblem(res, 400, 'validation-failed');
    expect(problem.errors?.map((e) => e.path)).toEqual(['formats.0', 'delivery.webhook.url']);
  });

  it.each(['https://hooks.example.com/r', 'https://[64:ff9b::808:808]/r', 'https://[2002:808:808::1]/r', 'https://8.8.8.8/r'])(
    'accepts the public https receiver %s',
    async (url) => {
      const res = await call('POST', '/v1/reports', { type: 'inventory', formats: ['pdf'], delivery: hook(url) });
      expect(res.status).toBe(202);
    },
  );

  it('refuses private receivers in schedules: POST, PUT and PATCH', async () => {
    const created = await call('POST', '/v1/schedules', { ...schedule, delivery: hook('https://hooks.example.com/r') });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const posted = await call('POST', '/v1/schedules', { ...schedule, delivery: hook('https://192.168.1.20/h') });
    const put = await call('PUT', `/v1/schedules/${id}`, { ...schedule, delivery: hook('https://192.168.1.20/h') });
    const patched = await call('PATCH', `/v1/schedules/${id}`, { delivery: hook('http://hooks.example.com/r') });

    for (const res of [posted, put, patched]) {
      const problem = await expectProblem(res, 400, 'validation-failed');
      expect(problem.errors?.map((e) => e.path)).toEqual(['delivery.webhook.url']);
    }
  });
});

describe('webhook URLs locally (no policy)', () => {
  it('accepts a plain-http receiver on 127.0.0.1', async () => {
    const { app } = apiFakeApp();
    const res = await app.request('/v1/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${await apiToken('alice', allScopes)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'inventory', formats: ['pdf'], delivery: hook('http://127.0.0.1:9000/hooks') }),
    });
    expect(res.status).toBe(202);
  });
});
