import type { SQSEvent } from 'aws-lambda';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessSqsQueue } from '../../src/adapters/local/in-process-sqs-queue';

const queues: InProcessSqsQueue[] = [];
function makeQueue(options: Partial<ConstructorParameters<typeof InProcessSqsQueue>[0]> = {}) {
  const dlq = new InProcessSqsQueue({ name: 'dlq', visibilityTimeoutMs: 1000 });
  const q = new InProcessSqsQueue({ name: 'jobs', visibilityTimeoutMs: 50, maxReceiveCount: 3, deadLetterQueue: dlq, ...options });
  queues.push(q, dlq);
  return { q, dlq };
}
const job = (runId: string) => ({ kind: 'run' as const, runId });

afterEach(async () => {
  for (const q of queues.splice(0)) await q.stop(100);
});

describe('InProcessSqsQueue', () => {
  it('delivers SQS events with receive counts and deletes what the consumer processed', async () => {
    const { q } = makeQueue();
    const seen: SQSEvent[] = [];
    q.start(async (event) => {
      seen.push(event);
      return { batchItemFailures: [] };
    });
    await q.send(job('a'));
    await q.idle();
    expect(seen).toHaveLength(1);
    expect(JSON.parse(seen[0]!.Records[0]!.body)).toEqual({ kind: 'run', runId: 'a' });
    expect(seen[0]!.Records[0]!.attributes.ApproximateReceiveCount).toBe('1');
    expect(q.size).toBe(0);
  });

  it('redelivers a failed item after the visibility timeout and dead-letters it after maxReceiveCount', async () => {
    const { q, dlq } = makeQueue();
    const counts: string[] = [];
    const t0 = Date.now();
    const times: number[] = [];
    q.start(async (event) => {
      counts.push(event.Records[0]!.attributes.ApproximateReceiveCount);
      times.push(Date.now() - t0);
      return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] };
    });
    await q.send(job('b'));
    await q.idle();
    expect(counts).toEqual(['1', '2', '3']);
    // Each redelivery waited for the visibility timeout (50 ms).
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(45);
    expect(dlq.peek()).toEqual([JSON.stringify(job('b'))]);
  });

  it('brings a failed message back when delay() says, not after the visibility timeout (ChangeMessageVisibility)', async () => {
    const { q } = makeQueue({ visibilityTimeoutMs: 60_000 });
    const times: number[] = [];
    const t0 = Date.now();
    q.start(async (event) => {
      const record = event.Records[0]!;
      times.push(Date.now() - t0);
      if (record.attributes.ApproximateReceiveCount === '2') return { batchItemFailures: [] };
      await q.delay(record.receiptHandle, 0.15);
      return { batchItemFailures: [{ itemIdentifier: record.messageId }] };
    });
    await q.send(job('d'));
    await q.idle();
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(140);
    expect(times[1]! - times[0]!).toBeLessThan(2000);
    // A stale receipt handle (an earlier receive's) is refused, as SQS does.
    await expect(q.delay('nope:1', 1)).rejects.toThrow(/not in flight/);
  });

  it('redelivers a message whose consumer never finished (a crash) once the visibility timeout passes', async () => {
    const { q } = makeQueue({ visibilityTimeoutMs: 80, concurrency: 2 });
    const counts: string[] = [];
    q.start(async (event) => {
      counts.push(event.Records[0]!.attributes.ApproximateReceiveCount);
      if (counts.length === 1) return new Promise(() => undefined); // hangs forever
      return { batchItemFailures: [] };
    });
    await q.send(job('c'));
    await new Promise((r) => setTimeout(r, 300));
    await q.stop(0);
    expect(counts).toEqual(['1', '2']);
  });

  it('fails only the reported items of a batch', async () => {
    const { q } = makeQueue({ batchSize: 3 });
    const bodies: string[] = [];
    q.start(async (event) => {
      bodies.push(...event.Records.map((r) => JSON.parse(r.body).runId));
      const bad = event.Records.filter((r) => JSON.parse(r.body).runId === 'y' && r.attributes.ApproximateReceiveCount === '1');
      return { batchItemFailures: bad.map((r) => ({ itemIdentifier: r.messageId })) };
    });
    await q.send(job('x'));
    await q.send(job('y'));
    await q.send(job('z'));
    await q.idle();
    expect(bodies.filter((b) => b === 'y')).toHaveLength(2);
    expect(bodies.filter((b) => b === 'x')).toHaveLength(1);
    expect(bodies.filter((b) => b === 'z')).toHaveLength(1);
  });

  it('keeps messages across a restart when persisted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-'));
    try {
      const first = new InProcessSqsQueue({ name: 'jobs', visibilityTimeoutMs: 50, persistPath: join(dir, 'q.json') });
      await first.send(job('kept'));
      const second = new InProcessSqsQueue({ name: 'jobs', visibilityTimeoutMs: 50, persistPath: join(dir, 'q.json') });
      queues.push(second);
      const got: string[] = [];
      second.start(async (event) => {
        got.push(JSON.parse(event.Records[0]!.body).runId);
        return { batchItemFailures: [] };
      });
      await second.idle();
      expect(got).toEqual(['kept']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("serves message groups (owners) in turn: one owner's backlog does not hold up another's job", async () => {
    const { q } = makeQueue();
    const order: string[] = [];
    q.start(async (event) => {
      order.push(...event.Records.map((r) => `${r.attributes.MessageGroupId}:${JSON.parse(r.body).runId}`));
      return { batchItemFailures: [] };
    });
    for (let i = 1; i <= 5; i++) await q.send(job(`a${i}`), { group: 'alice' });
    await q.send(job('b1'), { group: 'bob' });
    await q.send(job('c1'), { group: 'carol' });
    await q.send(job('b2'), { group: 'bob' });
    await q.idle();
    expect(order).toEqual(['alice:a1', 'bob:b1', 'carol:c1', 'alice:a2', 'bob:b2', 'alice:a3', 'alice:a4', 'alice:a5']);
  });

  it('replays its log after a restart: sent, received, delayed and deleted messages, a torn last line, no job lost', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-'));
    const path = join(dir, 'q.json');
    try {
      const first = new InProcessSqsQueue({ name: 'jobs', visibilityTimeoutMs: 60_000, persistPath: path });
      queues.push(first);
      let received = 0;
      first.start(async (event) => {
        received += 1;
        const record = event.Records[0]!;
        // 'done' is processed; 'failed' fails; 'hung' never finishes (the process dies under it).
        const runId = JSON.parse(record.body).runId as string;
        if (runId === 'failed') await first.delay(record.receiptHandle, 3600);
        if (runId === 'hung') return new Promise(() => undefined);
        return { batchItemFailures: runId === 'done' ? [] : [{ itemIdentifier: record.messageId }] };
      });
      await first.send(job('done'), { group: 'alice' });
      await first.send(job('failed'), { group: 'bob' });
      await first.send(job('hung'), { group: 'carol' });
      await first.send(job('waiting'), { group: 'carol' });
      while (received < 3) await new Promise((r) => setTimeout(r, 10));
      // A crash mid-append leaves half a line.
      await writeFile(path, `${await readFile(path, 'utf8')}{"o":"d","id":"`);

      const second = new InProcessSqsQueue({ name: 'jobs', visibilityTimeoutMs: 60_000, persistPath: path });
      queues.push(second);
      expect(second.size).toBe(3);
      const got: string[] = [];
      second.start(async (event) => {
        got.push(...event.Records.map((r) => `${JSON.parse(r.body).runId}@${r.attributes.ApproximateReceiveCount}`));
        return { batchItemFailures: [] };
      });
      await second.idle();
      // Unfinished or delayed messages come back at once after a restart, their receive counts kept.
      expect(got.sort()).toEqual(['failed@2', 'hung@2', 'waiting@1']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps its log near the size of the live messages however many operations it has seen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-'));
    const path = join(dir, 'q.json');
    try {
      const q = new InProcessSqsQueue({ name: 'jobs', visibilityTimeoutMs: 60_000, persistPath: path });
      queues.push(q);
      q.start(async () => ({ batchItemFailures: [] }));
      for (let i = 0; i < 1500; i++) {
        await q.send(job(`r${i}`), { group: `o${i % 7}` });
        if (i % 100 === 99) await q.idle();
      }
      await q.send(job('last'));
      await q.stop();
      // Without compaction the log would hold 4,500 lines (about 400 kB).
      expect((await stat(path)).size).toBeLessThan(200_000);
      const restarted = new InProcessSqsQueue({ name: 'jobs', visibilityTimeoutMs: 50, persistPath: path });
      queues.push(restarted);
      expect(restarted.peek()).toEqual([JSON.stringify(job('last'))]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a queue file written by an earlier version (a JSON array) and goes on from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'queue-'));
    const path = join(dir, 'q.json');
    try {
      const old = [{ id: 'm-1', body: JSON.stringify(job('old')), sentAt: Date.now() - 1000, receiveCount: 1, visibleAt: Date.now() + 600_000 }];
      await writeFile(path, JSON.stringify(old));
      const q = new InProcessSqsQueue({ name: 'jobs', visibilityTimeoutMs: 50, persistPath: path });
      queues.push(q);
      const got: string[] = [];
      q.start(async (event) => {
        got.push(...event.Records.map((r) => `${JSON.parse(r.body).runId}@${r.attributes.ApproximateReceiveCount}`));
        return { batchItemFailures: [] };
      });
      await q.idle();
      expect(got).toEqual(['old@2']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
