/**
 * The local queue's cost against its backlog. For each backlog size, the queue (persisted, as
 * `npm start` runs it) holds that many jobs of 50 owners, each received once and failed so it waits
 * out an hour's visibility timeout, as jobs waiting for their retry or in flight do; then one job at
 * a time is sent, received by the consumer and deleted. Prints a markdown table: completed
 * send+receive+delete cycles per second, and the median time of a cycle and of the send alone.
 *
 * Run: npx tsx bench/local-queue.ts [--cycles 300] [--sizes 0,1000,10000] [--queue path/to/in-process-sqs-queue.ts]
 * `--queue` times another version of the module, e.g. an earlier one taken out of git:
 *   git show <commit>:src/adapters/local/in-process-sqs-queue.ts > /tmp/old-queue.ts
 *   npx tsx bench/local-queue.ts --queue /tmp/old-queue.ts
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ReportJob } from '../src/domain/report-run';

interface Queue {
  send(job: ReportJob, options?: { group?: string }): Promise<void>;
  start(consumer: (event: SQSEvent) => Promise<SQSBatchResponse>): void;
  stop(waitMs?: number): Promise<void>;
  readonly stats: { received: number };
}
type QueueClass = new (options: { name: string; visibilityTimeoutMs: number; persistPath?: string }) => Queue;

const { values } = parseArgs({
  options: { cycles: { type: 'string', default: '300' }, sizes: { type: 'string', default: '0,1000,10000' }, queue: { type: 'string' } },
});
const cycles = Number(values.cycles);
const sizes = values.sizes!.split(',').map(Number);
const modulePath = values.queue
  ? isAbsolute(values.queue)
    ? values.queue
    : resolve(values.queue)
  : new URL('../src/adapters/local/in-process-sqs-queue.ts', import.meta.url);
const { InProcessSqsQueue } = (await import(modulePath instanceof URL ? modulePath.href : pathToFileURL(modulePath).href)) as { InProcessSqsQueue: QueueClass };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(backlog: number) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-queue-'));
  const q = new InProcessSqsQueue({ name: 'bench', visibilityTimeoutMs: 3_600_000, persistPath: join(dir, 'jobs.json') });
  let consumed: (() => void) | undefined;
  q.start(async (event) => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const job = JSON.parse(record.body) as { runId: string };
      if (job.runId.startsWith('backlog-')) failures.push({ itemIdentifier: record.messageId });
      else consumed?.();
    }
    return { batchItemFailures: failures };
  });

  const t0 = performance.now();
  for (let i = 0; i < backlog; i++) await q.send({ kind: 'run', runId: `backlog-${i}` }, { group: `owner-${i % 50}` });
  while (q.stats.received < backlog) await new Promise((r) => setTimeout(r, 5));
  const fill = (performance.now() - t0) / 1000;

  const cycleMs: number[] = [];
  const sendMs: number[] = [];
  const start = performance.now();
  for (let j = 0; j < cycles; j++) {
    const done = new Promise<void>((r) => (consumed = r));
    const a = performance.now();
    await q.send({ kind: 'run', runId: `bench-${j}` }, { group: 'bench' });
    sendMs.push(performance.now() - a);
    await done;
    cycleMs.push(performance.now() - a);
  }
  const seconds = (performance.now() - start) / 1000;
  await q.stop(1000);
  await rm(dir, { recursive: true, force: true });
  return { backlog, opsPerSecond: cycles / seconds, p50Cycle: median(cycleMs), p50Send: median(sendMs), fill };
}

// The queue's timers do not hold the process open (unref), so this does while the bench waits.
const keepAlive = setInterval(() => undefined, 60_000);
const rows = [];
for (const size of sizes) rows.push(await measure(size));
clearInterval(keepAlive);
console.log(`Local queue (${values.queue ?? 'src/adapters/local/in-process-sqs-queue.ts'}), ${cycles} cycles per backlog size, Node ${process.version}\n`);
console.log('| backlog | send+receive+delete cycles/s | p50 cycle (ms) | p50 send (ms) | backlog fill (s) |');
console.log('| ------: | ---------------------------: | -------------: | ------------: | ---------------: |');
for (const r of rows) {
  console.log(
    `| ${r.backlog.toLocaleString('en')} | ${r.opsPerSecond.toFixed(0)} | ${r.p50Cycle.toFixed(2)} | ${r.p50Send.toFixed(2)} | ${r.fill.toFixed(1)} |`,
  );
}
