/**
 * In-memory stand-ins for the ports the API uses, and an app built on them, for tests that send many
 * requests through `app.request()` (Hono's in-process fetch) rather than HTTP.
 */
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import { createApp, type ApiDeps, type ApiSettings } from '../../src/handlers/api/app';
import { InMemoryIdempotencyStore } from '../../src/adapters/memory/memory-idempotency-store';
import { mintDevToken } from '../../src/adapters/jwt/dev-token';
import { joseAuthenticator } from '../../src/adapters/jwt/jose-authenticator';
import { ConflictError, NotFoundError } from '../../src/domain/errors';
import type { ArtifactStore, JobQueue, ListRunsQuery, Page, RunStore } from '../../src/domain/ports';
import type { ReportJob, ReportRun, RunStatus } from '../../src/domain/report-run';
import type { Counters, RunStatistics } from '../../src/domain/run-statistics';
import { InMemoryScheduleStore } from '../../src/adapters/memory/memory-schedule-store';
import type { SchedulerPort } from '../../src/domain/schedules/ports';
import { fakeInventory } from './fake-inventory';

/** Run records in memory, listed newest first with cursors, like the DynamoDB store. */
export class ApiMemoryRunStore implements RunStore {
  readonly runs = new Map<string, ReportRun>();

  async create(run: ReportRun): Promise<void> {
    if (this.runs.has(run.id)) throw new ConflictError(`run ${run.id} exists already`);
    this.runs.set(run.id, structuredClone(run));
  }
  async get(id: string): Promise<ReportRun | undefined> {
    const run = this.runs.get(id);
    return run && structuredClone(run);
  }
  async update(id: string, patch: Partial<ReportRun>, expect?: { status?: RunStatus | RunStatus[] }): Promise<ReportRun> {
    const run = this.runs.get(id);
    if (!run) throw new NotFoundError(`run ${id} not found`);
    const allowed = expect?.status === undefined ? undefined : ([] as RunStatus[]).concat(expect.status);
    if (allowed && !allowed.includes(run.status)) throw new ConflictError(`run ${id} is ${run.status}`);
    const next = { ...run, ...structuredClone(patch) };
    this.runs.set(id, next);
    return structuredClone(next);
  }
  async list(query: ListRunsQuery): Promise<Page<ReportRun>> {
    const key = (r: ReportRun) => `${r.createdAt}#${r.id}`;
    const matching = [...this.runs.values()]
      .filter(
        (r) =>
          (!query.owner || r.owner === query.owner) &&
          (!query.status || r.status === query.status) &&
          (!query.type || r.type === query.type) &&
          (!query.scheduleId || r.scheduleId === query.scheduleId),
      )
      .filter((r) => (!query.createdFrom || key(r) >= query.createdFrom) && (!query.createdTo || key(r) <= `${query.createdTo}~`))
      .filter((r) => !query.cursor || key(r) < query.cursor)
      .sort((a, b) => (key(a) < key(b) ? 1 : -1));
    const items = matching.slice(0, query.limit);
    return { items: structuredClone(items), nextCursor: matching.length > query.limit ? key(items[items.length - 1]!) : undefined };
  }
  async countActive(owner: string, limit: number): Promise<number> {
    return Math.min(limit, [...this.runs.values()].filter((r) => r.owner === owner && (r.status === 'queued' || r.status === 'running')).length);
  }
  async delete(id: string): Promise<void> {
    this.runs.delete(id);
  }
}

/** Run statistics in memory, the same counters as the DynamoDB items; active runs counted from a run store. */
export class ApiMemoryRunStatistics implements RunStatistics {
  readonly items = new Map<string, Counters>();
  readonly owners = new Map<string, Set<string>>();
  constructor(private readonly runs: ApiMemoryRunStore) {}
  async add(owner: string, day: string, counters: Counters): Promise<void> {
    for (const key of [`o#${owner}#${day}`, `all#${day}`]) {
      const item = this.items.get(key) ?? {};
      for (const [name, n] of Object.entries(counters)) item[name] = (item[name] ?? 0) + n;
      this.items.set(key, item);
    }
    this.owners.set(day, (this.owners.get(day) ?? new Set()).add(owner));
  }
  async read(owner: string | undefined, days: string[]) {
    const out: Record<string, Counters> = {};
    for (const day of days) {
      const item = this.items.get(owner === undefined ? `all#${day}` : `o#${owner}#${day}`);
      if (item) out[day] = { ...item };
    }
    const owners = owner === undefined ? [...new Set(days.flatMap((d) => [...(this.owners.get(d) ?? [])]))].sort() : [owner];
    return { days: out, owners };
  }
  async activeRuns(owner: string | undefined) {
    const runs = [...this.runs.runs.values()].filter((r) => owner === undefined || r.owner === owner);
    return { queued: runs.filter((r) => r.status === 'queued').length, running: runs.filter((r) => r.status === 'running').length };
  }
}

/** Artifacts in memory; presigned URLs name what they sign. */
export class ApiMemoryArtifactStore implements ArtifactStore {
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: Uint8Array): Promise<void> {
    this.objects.set(key, body);
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(key);
  }
  async presignGet(key: string, expiresInSeconds: number): Promise<string> {
    return `https://artifacts.test/${key}?X-Amz-Expires=${expiresInSeconds}&X-Amz-Signature=fake`;
  }
  async delete(keys: string[]): Promise<void> {
    for (const k of keys) this.objects.delete(k);
  }
  async ping(): Promise<void> {}
}

/** A queue that keeps what it is sent. */
export class ApiMemoryQueue implements JobQueue {
  readonly jobs: ReportJob[] = [];
  async send(job: ReportJob): Promise<void> {
    this.jobs.push(structuredClone(job));
  }
  async ping(): Promise<void> {}
}

/** A scheduler port that accepts everything (the fire logic is not what API tests are about). */
export class ApiAcceptingScheduler implements SchedulerPort {
  readonly calls: string[] = [];
  async create(s: { id: string }): Promise<void> {
    this.calls.push(`create ${s.id}`);
  }
  async update(s: { id: string }): Promise<void> {
    this.calls.push(`update ${s.id}`);
  }
  async delete(id: string): Promise<void> {
    this.calls.push(`delete ${id}`);
  }
}

/** The development-token secret the fake app trusts. */
export const apiTestSecret = new TextEncoder().encode('api-test-secret-api-test-secret-0123456789');

/** A token the fake app accepts. */
export function apiToken(sub: string, scopes: string[], expiresInSeconds?: number): Promise<string> {
  return mintDevToken(apiTestSecret, { sub, scopes, expiresInSeconds });
}

/** The API app on in-memory fakes, with real JWT verification and the schedules unit. */
export function apiFakeApp(overrides: Partial<Omit<ApiDeps, 'settings'>> = {}, settings: Partial<ApiSettings> = {}) {
  let n = 0;
  const runs = new ApiMemoryRunStore();
  const artifacts = new ApiMemoryArtifactStore();
  const queue = new ApiMemoryQueue();
  const clock = { now: () => new Date() };
  const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const deps: ApiDeps = {
    runs,
    artifacts,
    queue,
    clock,
    logger: silentLogger,
    newId,
    idempotency: new InMemoryIdempotencyStore(),
    schedules: new InMemoryScheduleStore(),
    scheduler: new ApiAcceptingScheduler(),
    authenticate: joseAuthenticator({ secret: apiTestSecret, ownerClaim: 'sub' }),
    health: [{ name: 'storage', check: () => artifacts.ping() }],
    webhookPolicy: { httpsOnly: false, refusePrivateAddresses: false },
    inventory: async () => fakeInventory([{ id: 'p1', name: 'shop', enabled: true }], []),
    statistics: new ApiMemoryRunStatistics(runs),
    ...overrides,
    settings: { downloadUrlTtlSeconds: 900, brandingConfigured: false, emailConfigured: true, ...settings },
  };
  return { app: createApp(deps), deps, runs, artifacts, queue };
}
