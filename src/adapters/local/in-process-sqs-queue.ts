import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobQueue, RetryDelay } from '../../domain/ports';
import type { ReportJob } from '../../domain/report-run';

/** The consumer: the same function the Lambda SQS event source calls. */
export type SqsConsumer = (event: SQSEvent) => Promise<SQSBatchResponse>;

export interface InProcessSqsQueueOptions {
  name: string;
  /** How long a received message stays invisible; it comes back if not deleted by then. */
  visibilityTimeoutMs: number;
  /** Receives before the message moves to the dead-letter queue (SQS redrive policy). */
  maxReceiveCount?: number;
  deadLetterQueue?: InProcessSqsQueue;
  /** Messages per event, like the event source mapping's batch size. */
  batchSize?: number;
  /** Batches in flight at once, like the function's concurrency. */
  concurrency?: number;
  /** A JSON file that keeps messages across restarts, so a stop loses no work. */
  persistPath?: string;
}

interface Message {
  id: string;
  body: string;
  sentAt: number;
  receiveCount: number;
  visibleAt: number;
}

/**
 * A queue with SQS semantics in this process: at-least-once delivery, a visibility timeout after
 * each receive, redelivery of messages the consumer failed (or never finished), and a move to the
 * dead-letter queue on the receive after `maxReceiveCount`. Consumers get real `SQSEvent`s and
 * answer with `batchItemFailures`, so the Lambda handlers run unchanged. `delay` is
 * ChangeMessageVisibility: the consumer sets when a message it is failing comes back.
 */
export class InProcessSqsQueue implements JobQueue, RetryDelay {
  private readonly messages = new Map<string, Message>();
  private consumer: SqsConsumer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private stopped = true;
  private readonly idleWaiters = new Set<() => void>();
  readonly stats = { sent: 0, received: 0, deleted: 0, deadLettered: 0 };

  constructor(private readonly options: InProcessSqsQueueOptions) {
    if (options.persistPath) this.load(options.persistPath);
  }

  async send(job: ReportJob): Promise<void> {
    this.sendRaw(JSON.stringify(job));
  }

  async ping(): Promise<void> {}

  /** Enqueues a message body as is (the dead-letter move and tests use it). */
  sendRaw(body: string, receiveCount = 0): string {
    const id = randomUUID();
    this.messages.set(id, { id, body, sentAt: Date.now(), receiveCount, visibleAt: Date.now() });
    this.stats.sent += 1;
    this.persist();
    this.schedule(0);
    return id;
  }

  /**
   * Changes the visibility of a message in flight, as SQS ChangeMessageVisibility does: it becomes
   * visible `seconds` from now. The receipt handle must be that of its latest receive.
   */
  async delay(receiptHandle: string, seconds: number): Promise<void> {
    const at = receiptHandle.lastIndexOf(':');
    const m = this.messages.get(receiptHandle.slice(0, at));
    if (!m || String(m.receiveCount) !== receiptHandle.slice(at + 1) || m.visibleAt <= Date.now()) {
      throw new Error(`Message with receipt handle ${receiptHandle} is not in flight (MessageNotInflight)`);
    }
    m.visibleAt = Date.now() + Math.max(0, seconds) * 1000;
    this.persist();
  }

  /** Starts delivering messages to the consumer. */
  start(consumer: SqsConsumer): void {
    this.consumer = consumer;
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Stops delivering and waits up to `waitMs` for batches in flight; messages stay (and are
   * persisted) for the next start, where unfinished ones are delivered again.
   */
  async stop(waitMs = 5000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = Date.now() + waitMs;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  /** Messages in the queue, visible or not. */
  get size(): number {
    return this.messages.size;
  }

  /** Bodies of the messages in the queue (for tests and the dead-letter view). */
  peek(): string[] {
    return [...this.messages.values()].map((m) => m.body);
  }

  /** Resolves when the queue is empty and nothing is in flight. */
  idle(): Promise<void> {
    if (this.messages.size === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  private schedule(delayMs: number): void {
    if (this.stopped || !this.consumer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.poll(), Math.max(0, delayMs));
    this.timer.unref?.();
  }

  private poll(): void {
    this.timer = undefined;
    if (this.stopped || !this.consumer) return;
    const now = Date.now();
    const maxConcurrency = this.options.concurrency ?? 1;
    while (this.inFlight < maxConcurrency) {
      const batch = this.receive(now);
      if (batch.length === 0) break;
      this.inFlight += 1;
      void this.deliver(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule(0);
      });
    }
    this.notifyIdle();
    const next = Math.min(...[...this.messages.values()].map((m) => m.visibleAt));
    if (Number.isFinite(next)) this.schedule(next - Date.now());
  }

  private receive(now: number): Message[] {
    const batch: Message[] = [];
    let moved = false;
    const visible = [...this.messages.values()].filter((m) => m.visibleAt <= now).sort((a, b) => a.sentAt - b.sentAt);
    for (const m of visible) {
      if (batch.length >= (this.options.batchSize ?? 1)) break;
      const max = this.options.maxReceiveCount;
      if (max !== undefined && m.receiveCount >= max && this.options.deadLetterQueue) {
        // SQS moves the message on the receive that would exceed maxReceiveCount.
        this.messages.delete(m.id);
        this.options.deadLetterQueue.sendRaw(m.body, m.receiveCount);
        this.stats.deadLettered += 1;
        moved = true;
        continue;
      }
      m.receiveCount += 1;
      m.visibleAt = now + this.options.visibilityTimeoutMs;
      batch.push(m);
      this.stats.received += 1;
    }
    if (batch.length > 0 || moved) this.persist();
    return batch;
  }

  private async deliver(batch: Message[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map((m) => this.toRecord(m)) };
    let failed: Set<string>;
    try {
      const response = await this.consumer!(event);
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch {
      // A thrown handler fails the whole batch, as with Lambda.
      failed = new Set(batch.map((m) => m.id));
    }
    for (const m of batch) {
      if (!failed.has(m.id) && this.messages.get(m.id) === m) {
        this.messages.delete(m.id);
        this.stats.deleted += 1;
      }
    }
    this.persist();
  }

  private toRecord(m: Message): SQSRecord {
    return {
      messageId: m.id,
      receiptHandle: `${m.id}:${m.receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:local:000000000000:${this.options.name}`,
      awsRegion: 'local',
    };
  }

  private notifyIdle(): void {
    if (this.messages.size === 0 && this.inFlight === 0) {
      for (const resolve of this.idleWaiters) resolve();
      this.idleWaiters.clear();
    }
  }

  private persist(): void {
    const path = this.options.persistPath;
    if (!path) return;
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, JSON.stringify([...this.messages.values()]));
    renameSync(tmp, path);
  }

  private load(path: string): void {
    try {
      const saved = JSON.parse(readFileSync(path, 'utf8')) as Message[];
      // Messages that were in flight when the process stopped become visible again at once.
      for (const m of saved) this.messages.set(m.id, { ...m, visibleAt: Math.min(m.visibleAt, Date.now()) });
    } catch {
      // No saved queue yet.
    }
  }
}
