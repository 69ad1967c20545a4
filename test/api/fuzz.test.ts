import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/adapters/jwt/dev-token';
import type { ReportRun } from '../../src/domain/report-run';
import type { Schedule } from '../../src/domain/schedules/schedule';
import { apiFakeApp, apiToken } from '../helpers/api-fakes';
import { checkAnswer, requestArbitrary, toRequestInit, type FuzzTokens } from '../helpers/api-request-arbitraries';

const spec = { type: 'inventory', formats: ['json', 'html'], locale: 'en', theme: 'default', wasteShutoffDays: 30, accessiblePdf: false } as const;

function seedRun(id: string, owner: string, status: ReportRun['status']): ReportRun {
  const done = status === 'succeeded';
  return {
    id,
    owner,
    type: 'inventory',
    status,
    spec: { ...spec, formats: [...spec.formats] },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    attempts: done ? 1 : 0,
    artifacts: done
      ? [
          { format: 'json', key: `reports/${id}/report.json`, bytes: 2, contentType: 'application/json' },
          { format: 'html', key: `reports/${id}/report.html`, bytes: 9, contentType: 'text/html' },
        ]
      : [],
    stages: [],
  };
}

function seedSchedule(id: string, owner: string): Schedule {
  return {
    id,
    owner,
    expression: 'rate(1 day)',
    timezone: 'UTC',
    enabled: true,
    report: { ...spec, formats: [...spec.formats] },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    syncState: 'active',
    version: 1,
  };
}

const seededRuns = [
  seedRun('10000000-0000-4000-8000-000000000001', 'alice', 'succeeded'),
  seedRun('10000000-0000-4000-8000-000000000002', 'alice', 'queued'),
  seedRun('10000000-0000-4000-8000-000000000003', 'alice', 'running'),
  seedRun('10000000-0000-4000-8000-000000000004', 'bob', 'succeeded'),
];
const seededSchedules = [seedSchedule('sch-alice', 'alice'), seedSchedule('sch-bob', 'bob')];

describe('the API under random and mutated requests (in process, on in-memory fakes)', () => {
  // A small body limit keeps 413 bodies cheap to generate.
  const fake = apiFakeApp({}, { maxBodyBytes: 8 * 1024, corsOrigins: ['https://app.example.com'] });
  const tokens: FuzzTokens = { valid: [], invalid: [] };

  /** Deleting is part of the fuzzing; seeds come back so that later requests can still reach them. */
  async function reseed(): Promise<void> {
    for (const run of seededRuns) {
      if (fake.runs.runs.has(run.id)) continue;
      fake.runs.runs.set(run.id, structuredClone(run));
      for (const a of run.artifacts) fake.artifacts.objects.set(a.key, new TextEncoder().encode(a.format === 'json' ? '{}' : '<p>x</p>'));
    }
    const store = fake.deps.schedules;
    for (const s of seededSchedules) if (!(await store.get(s.id))) await store.create(structuredClone(s));
  }

  beforeAll(async () => {
    tokens.valid = await Promise.all([
      apiToken('alice', ['reports:read', 'reports:write', 'schedules:read', 'schedules:write']),
      apiToken('alice', ['reports:read']),
      apiToken('bob', ['reports:read', 'reports:write', 'schedules:read', 'schedules:write']),
      apiToken('root', ['admin']),
      apiToken('carol', []),
    ]);
    tokens.invalid = await Promise.all([
      apiToken('alice', ['admin'], -60),
      mintDevToken(new TextEncoder().encode('not-the-secret-not-the-secret-0123456789'), { sub: 'alice', scopes: ['admin'] }),
    ]);
  });

  it('never answers 5xx and answers every 4xx with problem+json (10,000 requests)', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requestArbitrary(tokens, { reports: seededRuns.map((r) => r.id), schedules: seededSchedules.map((s) => s.id) }), async (r) => {
        await reseed();
        const res = await fake.app.request(`http://api.test${r.path}${r.query ? `?${r.query}` : ''}`, toRequestInit(r));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const problem = await checkAnswer(res, r.method);
        if (problem) throw new Error(`${r.method} ${r.path}?${r.query} ${problem}`);
      }),
      { numRuns: 10_000 },
    );
    // The generator reaches every kind of answer, not only the first gate.
    expect([...statuses.keys()].sort()).toEqual(expect.arrayContaining([200, 201, 202, 204, 302, 400, 401, 403, 404, 405, 409, 413, 415]));
  });
});
