import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JobQueue, RetryDelay, SendOptions } from '../../domain/ports';
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
  /**
   * A file that keeps messages across restarts, so a stop (or a crash) loses no work: an append-only
   * log of operations, one JSON line each, replayed at start and compacted now and then. A JSON
   * array of messages, as earlier versions wrote, is read too.
   */
  persistPath?: string;
}

interface Message {
  id: string;
  body: string;
  /** The message group (tenant): the owner of the job, `''` for none. */
  group: string;
  sentAt: number;
  receiveCount: number;
  visibleAt: number;
  /** Waiting in its group's line to be received (as opposed to in flight or delayed). */
  ready: boolean;
}

/** One line of the log: a send, a receive, a visibility change, a delete. */
type LogEntry =
  | { o: 's'; id: string; b: string; g: string; t: number; n: number; v: number }
  | { o: 'r'; id: string; n: number; v: number }
  | { o: 'v'; id: string; v: number }
  | { o: 'd'; id: string };

/** Operations the log may hold beyond the live messages before it is rewritten with just them. */
const compactAfter = 1000;

/** A first-in first-out line with O(1) push and shift. */
class Line<T> {
  private items: T[] = [];
  private head = 0;
  get length(): number {
    return this.items.length - this.head;
  }
  push(item: T): void {
    this.items.push(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/** When each invisible message becomes visible again: a binary min-heap on the time. */
class Timeline {
  private readonly heap: { at: number; id: string }[] = [];
  get size(): number {
    return this.heap.length;
  }
  peek(): { at: number; id: string } | undefined {
    return this.heap[0];
  }
  push(at: number, id: string): void {
    const h = this.heap;
    h.push({ at, id });
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.at <= h[i]!.at) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }
  pop(): { at: number; id: string } | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.at < h[m]!.at) m = l;
        if (r < h.length && h[r]!.at < h[m]!.at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * A queue with SQS semantics in this process: at-least-once delivery, a visibility timeout after
 * each receive, redelivery of messages the consumer failed (or never finished), and a move to the
 * dead-letter queue on the receive after `maxReceiveCount`. Consumers get real `SQSEvent`s and
 * answer with `batchItemFailures`, so the Lambda handlers run unchanged. `delay` is
 * ChangeMessageVisibility: the consumer sets when a message it is failing comes back.
 *
 * Fair, like an SQS fair queue: messages carry a group (their owner, `send`'s `group`), and the
 * groups with messages waiting are served in turn, one message each, oldest first within a group;
 * so one owner's backlog does not hold up another owner's job.
 *
 * Every operation costs the same whatever the backlog: waiting messages sit in one line per group,
 * invisible ones in a heap ordered by when they come back, and persistence appends one line per
 * operation to a log (rewritten with just the live messages once it has grown well past them), with
 * no rewrite of the whole queue.
 */
export class InProcessSqsQueue implements JobQueue, RetryDelay {
  private readonly messages = new Map<string, Message>();
  /** Per group, the ids of its waiting messages, oldest first (ids of messages since received or deleted are skipped). */
  private readonly lines = new Map<string, Line<string>>();
  /** Groups with messages waiting, in serving order; each group at most once. */
  private readonly turns = new Line<string>();
  private readonly inTurns = new Set<string>();
  private readonly invisible = new Timeline();
  private consumer: SqsConsumer | undefined;
  private pollInStartContext: () => void = () => this.poll();
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private stopped = true;
  private readonly idleWaiters = new Set<() => void>();
  private fd: number | undefined;
  private logEntries = 0;
  readonly stats = { sent: 0, received: 0, deleted: 0, deadLettered: 0 };

  constructor(private readonly options: InProcessSqsQueueOptions) {
    if (options.persistPath) this.load(options.persistPath);
  }

  async send(job: ReportJob, options: SendOptions = {}): Promise<void> {
    this.sendRaw(JSON.stringify(job), 0, options.group ?? '');
  }

  async ping(): Promise<void> {}

  /** Enqueues a message body as is (the dead-letter move and tests use it). */
  sendRaw(body: string, receiveCount = 0, group = ''): string {
    const id = randomUUID();
    const now = Date.now();
    const m: Message = { id, body, group, sentAt: now, receiveCount, visibleAt: now, ready: false };
    this.messages.set(id, m);
    this.append({ o: 's', id, b: body, g: group, t: now, n: receiveCount, v: now });
    this.makeReady(m);
    this.stats.sent += 1;
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
    if (!m || m.ready || String(m.receiveCount) !== receiptHandle.slice(at + 1) || m.visibleAt <= Date.now()) {
      throw new Error(`Message with receipt handle ${receiptHandle} is not in flight (MessageNotInflight)`);
    }
    m.visibleAt = Date.now() + Math.max(0, seconds) * 1000;
    this.invisible.push(m.visibleAt, m.id);
    this.append({ o: 'v', id: m.id, v: m.visibleAt });
  }

  /** Starts delivering messages to the consumer. */
  start(consumer: SqsConsumer): void {
    this.consumer = consumer;
    this.stopped = false;
    // Polls run in the context the queue started in, never in a sender's: as with SQS and Lambda, nothing
    // of the request that sent a job (its log keys, its active trace) reaches the consumer but the message.
    this.pollInStartContext = AsyncLocalStorage.bind(() => this.poll());
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
    this.closeLog();
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
    this.timer = setTimeout(this.pollInStartContext, Math.max(0, delayMs));
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
    // The next message to come back; a batch finishing polls again by itself.
    const next = this.nextVisibleAt();
    if (next !== undefined && (next > now || this.inFlight < maxConcurrency)) this.schedule(next - Date.now());
  }

  /** Puts a message that became visible at the end of its group's line, and the group in the turns. */
  private makeReady(m: Message): void {
    m.ready = true;
    let line = this.lines.get(m.group);
    if (!line) this.lines.set(m.group, (line = new Line()));
    line.push(m.id);
    if (!this.inTurns.has(m.group)) {
      this.inTurns.add(m.group);
      this.turns.push(m.group);
    }
  }

  /** Moves the messages whose time has come out of the heap into their lines. */
  private promote(now: number): void {
    for (let top = this.invisible.peek(); top && top.at <= now; top = this.invisible.peek()) {
      this.invisible.pop();
      const m = this.messages.get(top.id);
      // Entries of deleted messages, and of times since changed, are left behind in the heap.
      if (m && !m.ready && m.visibleAt === top.at) this.makeReady(m);
    }
  }

  private nextVisibleAt(): number | undefined {
    for (let top = this.invisible.peek(); top; top = this.invisible.peek()) {
      const m = this.messages.get(top.id);
      if (m && !m.ready && m.visibleAt === top.at) return top.at;
      this.invisible.pop();
    }
    return undefined;
  }

  /** The next waiting message of the group whose turn it is, or `undefined` when none waits. */
  private takeNext(): Message | undefined {
    for (let group = this.turns.shift(); group !== undefined; group = this.turns.shift()) {
      this.inTurns.delete(group);
      const line = this.lines.get(group);
      let m: Message | undefined;
      for (let id = line?.shift(); id !== undefined; id = line?.shift()) {
        const candidate = this.messages.get(id);
        if (candidate?.ready) {
          m = candidate;
          break;
        }
      }
      if (line && line.length > 0) {
        this.inTurns.add(group);
        this.turns.push(group);
      } else this.lines.delete(group);
      if (m) return m;
    }
    return undefined;
  }

  private receive(now: number): Message[] {
    this.promote(now);
    const batch: Message[] = [];
    const max = this.options.maxReceiveCount;
    while (batch.length < (this.options.batchSize ?? 1)) {
      const m = this.takeNext();
      if (!m) break;
      m.ready = false;
      if (max !== undefined && m.receiveCount >= max && this.options.deadLetterQueue) {
        // SQS moves the message on the receive that would exceed maxReceiveCount.
        this.messages.delete(m.id);
        this.append({ o: 'd', id: m.id });
        this.options.deadLetterQueue.sendRaw(m.body, m.receiveCount, m.group);
        this.stats.deadLettered += 1;
        continue;
      }
      m.receiveCount += 1;
      m.visibleAt = now + this.options.visibilityTimeoutMs;
      this.invisible.push(m.visibleAt, m.id);
      this.append({ o: 'r', id: m.id, n: m.receiveCount, v: m.visibleAt });
      batch.push(m);
      this.stats.received += 1;
    }
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
        this.append({ o: 'd', id: m.id });
        this.stats.deleted += 1;
      }
    }
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
        ...(m.group ? { MessageGroupId: m.group } : {}),
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

  /** Appends one operation to the log (written before the call returns), compacting it when it has grown well past the live messages. */
  private append(entry: LogEntry): void {
    const path = this.options.persistPath;
    if (!path) return;
    if (this.fd === undefined) {
      mkdirSync(dirname(path), { recursive: true });
      this.fd = openSync(path, 'a');
    }
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
    this.logEntries += 1;
    if (this.logEntries > compactAfter && this.logEntries > 4 * this.messages.size) this.compact(path);
  }

  /** Rewrites the log as one send per live message, into a new file renamed over the old: a crash leaves one or the other. */
  private compact(path: string): void {
    const tmp = `${path}.tmp`;
    mkdirSync(dirname(path), { recursive: true });
    const lines: string[] = [];
    for (const m of this.messages.values()) {
      lines.push(`${JSON.stringify({ o: 's', id: m.id, b: m.body, g: m.group, t: m.sentAt, n: m.receiveCount, v: m.visibleAt } satisfies LogEntry)}\n`);
    }
    writeFileSync(tmp, lines.join(''));
    this.closeLog();
    renameSync(tmp, path);
    this.fd = openSync(path, 'a');
    this.logEntries = lines.length;
  }

  private closeLog(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  private load(path: string): void {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return; // No saved queue yet.
    }
    const saved: Omit<Message, 'ready'>[] = [];
    if (text.trimStart().startsWith('[')) {
      // Written by an earlier version: the whole queue as one JSON array.
      for (const m of JSON.parse(text) as Omit<Message, 'ready' | 'group'>[]) saved.push({ ...m, group: '' });
    } else {
      const byId = new Map<string, Omit<Message, 'ready'>>();
      for (const line of text.split('\n')) {
        let e: LogEntry;
        try {
          e = JSON.parse(line) as LogEntry;
        } catch {
          continue; // An empty line, or a last line cut short by a crash: its operation never returned.
        }
        if (e.o === 's') byId.set(e.id, { id: e.id, body: e.b, group: e.g, sentAt: e.t, receiveCount: e.n, visibleAt: e.v });
        const m = byId.get(e.id);
        if (!m) continue;
        if (e.o === 'r') Object.assign(m, { receiveCount: e.n, visibleAt: e.v });
        else if (e.o === 'v') m.visibleAt = e.v;
        else if (e.o === 'd') byId.delete(e.id);
      }
      saved.push(...byId.values());
    }
    // Messages that were in flight or delayed when the process stopped become visible again at once.
    const now = Date.now();
    for (const s of saved.sort((a, b) => a.sentAt - b.sentAt)) {
      const m: Message = { ...s, visibleAt: Math.min(s.visibleAt, now), ready: false };
      this.messages.set(m.id, m);
      this.makeReady(m);
    }
    this.compact(path);
  }
}
