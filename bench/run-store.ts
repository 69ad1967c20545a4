/**
 * Run records at scale: loads N runs (default 100,000) for 200 owners into dynalite through the
 * store's own key layout, then times the queries the API makes. Prints a markdown table.
 * Run: npx tsx bench/run-store.ts [runs]
 */
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoRunStore } from '../src/adapters/aws/dynamo-run-store';
import type { ListRunsQuery } from '../src/domain/ports';
import type { ReportRun, RunStatus } from '../src/domain/report-run';
import { createRunsTable, startLocalDynamo } from '../src/adapters/local/dynamo-server';

const total = Number(process.argv[2] ?? 100_000);
const owners = 200;
const statuses: RunStatus[] = ['succeeded', 'succeeded', 'succeeded', 'failed', 'queued', 'running'];

const db = await startLocalDynamo();
await createRunsTable(db.client, 'runs');
const doc = DynamoDBDocumentClient.from(db.client, { marshallOptions: { removeUndefinedValues: true } });
const store = new DynamoRunStore(db.client, 'runs');

const t0 = performance.now();
const writes: Promise<unknown>[] = [];
for (let i = 0; i < total; i += 25) {
  const items = [];
  for (let j = i; j < Math.min(total, i + 25); j++) {
    const createdAt = new Date(Date.UTC(2025, 0, 1) + j * 30_000).toISOString();
    const r: ReportRun = {
      id: `run-${j}`,
      owner: `owner-${j % owners}`,
      type: j % 3 === 0 ? 'cost' : 'inventory',
      status: statuses[j % statuses.length]!,
      spec: { type: 'inventory', formats: ['pdf'], locale: 'en', theme: 'default', wasteShutoffDays: 30, accessiblePdf: false },
      createdAt,
      updatedAt: createdAt,
      attempts: 1,
      artifacts: [],
      stages: [],
    };
    items.push({ PutRequest: { Item: { ...r, createdKey: `${createdAt}#${r.id}`, ownerStatus: `${r.owner}#${r.status}`, listAll: 'run' } } });
  }
  writes.push(doc.send(new BatchWriteCommand({ RequestItems: { runs: items } })));
  if (writes.length >= 8) await Promise.all(writes.splice(0));
}
await Promise.all(writes);
const loadSeconds = (performance.now() - t0) / 1000;

async function time(label: string, query: ListRunsQuery, pages = 3) {
  const samples: number[] = [];
  let cursor: string | undefined;
  let items = 0;
  for (let p = 0; p < pages; p++) {
    const t = performance.now();
    const page = await store.list({ ...query, cursor });
    samples.push(performance.now() - t);
    items += page.items.length;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return `| ${label} | ${query.limit} | ${samples.length} | ${items} | ${(samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(1)} |`;
}

const rows = [
  await time("one owner's runs, newest first", { owner: 'owner-7', limit: 50 }),
  await time("one owner's failed runs", { owner: 'owner-7', status: 'failed', limit: 50 }),
  await time("one owner's cost runs (filter)", { owner: 'owner-7', type: 'cost', limit: 50 }),
  await time('one owner, one day', { owner: 'owner-7', createdFrom: '2025-01-10T00:00:00Z', createdTo: '2025-01-11T00:00:00Z', limit: 50 }),
  await time('admin: all runs, newest first', { limit: 50 }),
  await time('admin: all running runs', { status: 'running', limit: 50 }),
];
console.log(`Run store on dynalite (in memory): ${total.toLocaleString('en')} runs, ${owners} owners, loaded in ${loadSeconds.toFixed(1)} s\n`);
console.log('| query | page size | pages | items | mean ms per page |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
await db.close();
