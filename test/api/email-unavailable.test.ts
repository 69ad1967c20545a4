/** With nothing that can send e-mail, e-mail deliveries are refused at the door rather than failing later. */
import { describe, expect, it } from 'vitest';
import { apiFakeApp, apiToken } from '../helpers/api-fakes';
import { allScopes, expectProblem } from '../helpers/api-runtime';

const report = { type: 'inventory', formats: ['json'] };

function client(settings: { emailConfigured: boolean; brandingConfigured?: boolean }, httpsOnly = false) {
  const { app, queue } = apiFakeApp({ webhookPolicy: { httpsOnly, refusePrivateAddresses: httpsOnly } }, settings);
  const call = async (method: string, path: string, body: unknown) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${await apiToken('alice', allScopes)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { call, queue };
}

describe('delivery.email on a deployment that cannot send e-mail', () => {
  it('is refused for reports and schedules (POST, PUT, PATCH): 400 naming delivery.email, nothing queued', async () => {
    const { call, queue } = client({ emailConfigured: false });
    const delivery = { email: ['finance@example.com'] };
    const refused = [
      await call('POST', '/v1/reports', { ...report, delivery }),
      await call('POST', '/v1/schedules', { expression: 'rate(1 day)', timezone: 'UTC', report, delivery }),
    ];
    const created = await call('POST', '/v1/schedules', { expression: 'rate(1 day)', timezone: 'UTC', report });
    const { id } = (await created.json()) as { id: string };
    refused.push(await call('PUT', `/v1/schedules/${id}`, { expression: 'rate(1 day)', timezone: 'UTC', report, delivery }));
    refused.push(await call('PATCH', `/v1/schedules/${id}`, { delivery }));
    for (const res of refused) {
      const problem = await expectProblem(res, 400, 'validation-failed');
      expect(problem.errors).toEqual([{ path: 'delivery.email', message: expect.stringContaining('e-mail delivery is not configured on this deployment') }]);
    }
    expect(queue.jobs).toEqual([]);
  });

  it('is accepted where e-mail is configured', async () => {
    const { call } = client({ emailConfigured: true });
    expect((await call('POST', '/v1/reports', { ...report, delivery: { email: ['finance@example.com'] } })).status).toBe(202);
  });

  it('is listed with every other field the deployment cannot honour, and every invalid one', async () => {
    const { call } = client({ emailConfigured: false, brandingConfigured: false }, true);
    const body = { ...report, formats: ['docx'], theme: 'brand', delivery: { email: ['a@example.com'], webhook: { url: 'http://127.0.0.1/hook' } } };
    const problem = await expectProblem(await call('POST', '/v1/reports', body), 400, 'validation-failed');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['delivery.email', 'delivery.webhook.url', 'formats.0', 'theme']);
  });
});
