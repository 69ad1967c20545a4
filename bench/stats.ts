/**
 * `GET /v1/stats` at scale, over real HTTP against the local runtime (dynalite in memory):
 *
 *   npx tsx bench/stats.ts [runs] [requests]        (npm run bench:stats; default 100,000 runs, 100 requests per row)
 *
 * Writes `runs` run records of 200 owners over the last 30 days into a data folder's dynalite (in the
 * run store's item layout, `runItem`, 25 to a BatchWriteItem), with the statistics counters those
 * runs make: each run's counters are the ones the use cases add (`createdCounters`,
 * `finishedCounters`, `deliveryCounters`), summed per owner and UTC day and added with the
 * statistics adapter (one `add` per owner and day instead of three per run, so loading takes
 * minutes, not hours; the items are the same). The newest two runs of each owner are still queued
 * or running, as in a live deployment. Then starts the local runtime on that folder (as `npm start`
 * does, DynamoDB kept in LevelDB) and times the answer for one owner and for an admin (every owner,
 * and one named owner), for 7 and 30 days, over HTTP; prints a markdown table. The target is a p95
 * of at most 500 ms.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { silentLogger } from '../src/adapters/aws/powertools-logger';
import { DynamoRunStatistics } from '../src/adapters/aws/dynamo-run-statistics';
import { runItem } from '../src/adapters/aws/dynamo-run-store';
import { createRunsTable, startLocalDynamo } from '../src/adapters/local/dynamo-server';
import type { ReportRun, RunStatus, StageTiming } from '../src/domain/report-run';
import { createdCounters, deliveryCounters, finishedCounters, utcDay, type Counters } from '../src/domain/run-statistics';
import { startLocalRuntime } from '../src/wiring/local/runtime';
import { fakeInventory } from '../test/helpers/fake-inventory';

const total = Number(process.argv[2] ?? 100_000);
const requests = Number(process.argv[3] ?? 100);
if (!Number.isInteger(total) || total < 1 || !Number.isInteger(requests) || requests < 1) throw new Error('usage: npx tsx bench/stats.ts [runs] [requests]');
const owners = 200;
const windowMs = 30 * 86_400_000;
const types = ['inventory', 'usage', 'cost'] as const;

/** A deterministic pseudo-random sequence (the same data on every run of the bench). */
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const dir = await mkdtemp(join(tmpdir(), 'osr-bench-stats-'));
const now = Date.now();

function makeRun(i: number): ReportRun {
  const owner = `owner-${i % owners}`;
  const created = now - windowMs + Math.floor((i / total) * windowMs);
  // The newest two runs of each owner are still queued or running; 8 % of the others failed.
  const status: RunStatus = i >= total - 2 * owners ? (Math.floor(i / owners) % 2 ? 'queued' : 'running') : random() < 0.08 ? 'failed' : 'succeeded';
  const type = types[i % 3]!;
  const stages: StageTiming[] = [];
  let t = created + 200;
  for (const [name, typical] of [
    ['fetch', 900],
    ['render', 1600],
    ['store', 150],
  ] as const) {
    if (status === 'failed' && name !== 'fetch') break;
    const ms = Math.round(typical * (0.3 + random() * random() * 6));
    stages.push({ name, startedAt: new Date(t).toISOString(), ms });
    t += ms;
  }
  const createdAt = new Date(created).toISOString();
  const finishedAt = new Date(t).toISOString();
  const finished = status === 'succeeded' || status === 'failed';
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    owner,
    type,
    status,
    spec: { type, formats: ['pdf'], locale: 'en', theme: 'default', wasteShutoffDays: 30, accessiblePdf: false },
    ...(i % 4 === 0 ? { delivery: { email: ['finance@example.com'] } } : {}),
    createdAt,
    updatedAt: finished ? finishedAt : createdAt,
    ...(finished ? { startedAt: createdAt, finishedAt } : {}),
    attempts: status === 'queued' ? 0 : 1,
    ...(status === 'failed' ? { error: { code: random() < 0.6 ? 'openstack_http_401' : 'openstack_timeout', message: 'The cloud said no.' } } : {}),
    artifacts: [],
    stages: finished ? stages : [],
  };
}

/** Runs `work` over `items` with `width` calls in flight. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

try {
  // Load: runs and counters, straight into the data folder's DynamoDB.
  const db = await startLocalDynamo({ path: join(dir, 'dynamo') });
  await createRunsTable(db.client, 'runs');
  const doc = DynamoDBDocumentClient.from(db.client, { marshallOptions: { removeUndefinedValues: true } });
  const daily = new Map<string, Counters>();
  const addUp = (owner: string, day: string, counters: Counters) => {
    const key = `${owner}\n${day}`;
    const sums = daily.get(key) ?? {};
    for (const [name, n] of Object.entries(counters)) sums[name] = (sums[name] ?? 0) + n;
    daily.set(key, sums);
  };
  const t0 = performance.now();
  const batches: ReportRun[][] = [];
  for (let i = 0; i < total; i += 25) {
    const batch = Array.from({ length: Math.min(25, total - i) }, (_, j) => makeRun(i + j));
    batches.push(batch);
    for (const run of batch) {
      addUp(run.owner, utcDay(run.createdAt), createdCounters());
      if (run.finishedAt) {
        addUp(run.owner, utcDay(run.finishedAt), finishedCounters(run));
        if (run.delivery?.email) addUp(run.owner, utcDay(run.finishedAt), deliveryCounters('email', random() < 0.97 ? 'sent' : 'failed'));
      }
    }
  }
  await inParallel(batches, 8, async (batch) => {
    let items: Record<string, unknown>[] = batch.map((run) => ({ PutRequest: { Item: runItem(run) } }));
    while (items.length > 0) {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { runs: items } }));
      items = (out.UnprocessedItems?.runs ?? []) as Record<string, unknown>[];
    }
  });
  const runsSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const statistics = new DynamoRunStatistics(db.client, 'runs');
  const entries = [...daily.entries()];
  await inParallel(entries, 8, ([key, counters]) => {
    const [owner, day] = key.split('\n') as [string, string];
    return statistics.add(owner, day, counters);
  });
  const countersSeconds = (performance.now() - t1) / 1000;
  await db.close();

  // Measure: the local runtime on that folder, over HTTP.
  const rt = await startLocalRuntime({
    port: 0,
    dataDir: dir,
    inventory: async () => fakeInventory([], []),
    maxReceiveCount: 2,
    visibilityTimeoutMs: 30_000,
    downloadUrlTtlSeconds: 900,
    logger: silentLogger,
    pdf: { render: async () => new Uint8Array(), close: async () => undefined },
  });
  try {
    const ownerToken = await rt.mintToken('owner-7', ['reports:read']);
    const adminToken = await rt.mintToken('root', ['admin']);

    /** `requests` timed calls after 10 untimed ones; p50 and p95 in ms. */
    const time = async (token: string, query: string) => {
      let body: { runs: { total: number; queued: number; running: number } } | undefined;
      const call = async () => {
        const res = await fetch(`${rt.url}/v1/stats${query}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`GET /v1/stats${query} answered ${res.status}: ${await res.text()}`);
        body = (await res.json()) as typeof body;
      };
      for (let i = 0; i < 10; i++) await call();
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t = performance.now();
        await call();
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]!;
      return { p50: at(0.5), p95: at(0.95), body: body! };
    };

    const rows: string[] = [];
    for (const [label, token, query] of [
      ['one owner (own)', ownerToken, '?days=7'],
      ['one owner (own)', ownerToken, '?days=30'],
      ['admin, one owner', adminToken, '?days=30&owner=owner-7'],
      ['admin, every owner', adminToken, '?days=7'],
      ['admin, every owner', adminToken, '?days=30'],
    ] as const) {
      const r = await time(token, query);
      const days = query.includes('30') ? 30 : 7;
      const active = `${r.body.runs.queued} / ${r.body.runs.running}`;
      rows.push(
        `| ${total.toLocaleString('en')} | ${label} | ${days} | ${r.body.runs.total.toLocaleString('en')} | ${active} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`,
      );
    }

    console.log(
      `\nGET /v1/stats over HTTP, local runtime (dynalite on LevelDB), node ${process.version}: ${total.toLocaleString('en')} runs of ${owners} owners over 30 days ` +
        `(runs written in ${runsSeconds.toFixed(0)} s, ${entries.length.toLocaleString('en')} owner-day counter items in ${countersSeconds.toFixed(0)} s); ${requests} requests per row after 10 warm-up ones.\n`,
    );
    console.log('| runs in the table | caller | days | runs counted | queued / running now | p50 ms | p95 ms |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    await rt.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
