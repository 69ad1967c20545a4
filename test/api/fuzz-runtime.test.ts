import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { mintDevToken } from '../../src/adapters/jwt/dev-token';
import { allScopes, startApiRuntime, type ApiRuntime } from '../helpers/api-runtime';
import { checkAnswer, requestArbitrary, toRequestInit, type FuzzIds, type FuzzTokens } from '../helpers/api-request-arbitraries';

describe('the API under random and mutated requests (real HTTP, local runtime)', () => {
  let api: ApiRuntime;
  const tokens: FuzzTokens = { valid: [], invalid: [] };
  const ids: FuzzIds = { reports: [], schedules: [] };

  beforeAll(async () => {
    api = await startApiRuntime();
    tokens.valid = await Promise.all([
      api.rt.mintToken('alice', allScopes),
      api.rt.mintToken('alice', ['reports:read']),
      api.rt.mintToken('bob', allScopes),
      api.rt.mintToken('root', ['admin']),
    ]);
    tokens.invalid = await Promise.all([
      api.rt.mintToken('alice', allScopes, -60),
      mintDevToken(new TextEncoder().encode('not-the-runtime-secret-not-the-runtime-secret'), { sub: 'alice', scopes: ['admin'] }),
    ]);
    // Real records to aim at: a finished report and a schedule of alice's.
    const report = (await (
      await api.call('POST', '/v1/reports', { token: tokens.valid[0], body: { type: 'inventory', formats: ['json', 'csv'] } })
    ).json()) as { id: string };
    await api.waitForRun(tokens.valid[0]!, report.id);
    const schedule = (await (
      await api.call('POST', '/v1/schedules', {
        token: tokens.valid[0],
        body: { expression: 'rate(1 day)', timezone: 'UTC', report: { type: 'inventory', formats: ['json'] } },
      })
    ).json()) as { id: string };
    ids.reports.push(report.id);
    ids.schedules.push(schedule.id);
  });

  afterAll(() => api?.close());

  it('never answers 5xx and answers every 4xx with problem+json (400 requests)', async () => {
    await fc.assert(
      fc.asyncProperty(requestArbitrary(tokens, ids), async (r) => {
        // Node's HTTP parser refuses unknown methods before the app sees them (API Gateway does too).
        fc.pre(r.method !== 'FOO');
        const res = await fetch(`${api.url}${r.path}${r.query ? `?${r.query}` : ''}`, toRequestInit(r));
        const problem = await checkAnswer(res, r.method);
        if (problem) throw new Error(`${r.method} ${r.path}?${r.query} ${problem}`);
      }),
      { numRuns: 400 },
    );
  });
});
