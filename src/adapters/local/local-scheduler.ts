/**
 * The local stand-in for EventBridge Scheduler: fires every enabled schedule of a `ScheduleStore` at
 * the times `nextFireTimes` computes (the same code the schedule view uses) by sending the same
 * `{ kind: 'scheduled' }` job to a `JobQueue`.
 *
 * One timer is armed for the earliest due schedule; nothing polls in a loop. Changes arrive two ways:
 * the use cases call it as their `SchedulerPort` (create, update, delete take effect at once), and
 * the store is re-read every `refreshIntervalMs` for changes made by another process.
 *
 * Like a scheduler that was switched off, it does not catch up: fire times that passed while the
 * process was not running are skipped; a fire that is due when its timer runs is sent once, even if
 * the machine slept through several.
 */
import type { Clock, JobQueue, Logger } from '../../domain/ports';
import { describeError } from '../../domain/errors';
import { scheduleFireTimes } from '../../domain/schedules/fires-again';
import type { ScheduleStore, SchedulerPort } from '../../domain/schedules/ports';
import type { Schedule } from '../../domain/schedules/schedule';
import { formatScheduledTime, scheduledJob } from '../../domain/schedules/scheduled-job';

/** Timer functions, injectable for tests; the defaults are Node's. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LocalSchedulerOptions {
  store: ScheduleStore;
  queue: JobQueue;
  clock?: Clock;
  logger?: Logger;
  /** How often the store is re-read for changes made elsewhere (default 30 s). */
  refreshIntervalMs?: number;
  timers?: Timers;
}

interface Entry {
  schedule: Schedule;
  next: Date;
}

// setTimeout's largest delay; longer waits are re-armed by the refresh anyway.
const maxDelayMs = 2_147_483_647;

const nodeTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A scheduler alone must not keep the process alive (tests, CLI commands).
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Fires schedules locally. `start()` begins, `stop()` ends; also usable as the local `SchedulerPort`. */
export class LocalScheduler implements SchedulerPort {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly refreshIntervalMs: number;
  private fireTimer: unknown;
  /** The instant `fireTimer` is armed for, so an unchanged earliest fire keeps its timer. */
  private armedFor: number | undefined;
  private refreshTimer: unknown;
  private firingNow = false;
  private running = false;
  private firing: Promise<void> = Promise.resolve();

  constructor(private readonly options: LocalSchedulerOptions) {
    this.clock = options.clock ?? { now: () => new Date() };
    this.timers = options.timers ?? nodeTimers;
    this.refreshIntervalMs = options.refreshIntervalMs ?? 30_000;
  }

  /** Reads the store and arms the timers. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.refresh();
    this.armRefresh();
  }

  /** Disarms the timers and waits for a fire in progress to finish sending. */
  async stop(): Promise<void> {
    this.running = false;
    this.timers.clearTimeout(this.fireTimer);
    this.timers.clearTimeout(this.refreshTimer);
    this.fireTimer = this.refreshTimer = this.armedFor = undefined;
    await this.firing;
  }

  /** Re-reads every schedule from the store (all owners) and re-arms. */
  async refresh(): Promise<void> {
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.options.store.list({ limit: 100, ...(cursor ? { cursor } : {}) });
      for (const schedule of page.items) {
        seen.add(schedule.id);
        this.track(schedule);
      }
      cursor = page.nextCursor;
    } while (cursor);
    for (const id of this.entries.keys()) if (!seen.has(id)) this.entries.delete(id);
    this.arm();
  }

  /** The next fire time of every tracked schedule (for a status page and tests). */
  upcoming(): { scheduleId: string; next: Date }[] {
    return [...this.entries.values()].map((e) => ({ scheduleId: e.schedule.id, next: e.next }));
  }

  async create(schedule: Schedule): Promise<void> {
    this.track(schedule);
    this.arm();
  }

  async update(schedule: Schedule): Promise<void> {
    this.track(schedule);
    this.arm();
  }

  async delete(scheduleId: string): Promise<void> {
    this.entries.delete(scheduleId);
    this.arm();
  }

  private track(schedule: Schedule): void {
    const known = this.entries.get(schedule.id);
    if (!schedule.enabled || schedule.syncState === 'deleting') {
      this.entries.delete(schedule.id);
      return;
    }
    // An unchanged schedule keeps its pending fire time; a changed one is timed afresh from now.
    if (known && sameTiming(known.schedule, schedule)) {
      known.schedule = schedule;
      return;
    }
    const [next] = scheduleFireTimes(schedule, this.clock.now(), 1);
    if (next) this.entries.set(schedule.id, { schedule, next });
    else this.entries.delete(schedule.id);
  }

  private arm(): void {
    // While a fire is being sent its `finally` re-arms; a second timer now could send it twice.
    if (this.firingNow) return;
    let earliest: number | undefined;
    if (this.running) for (const e of this.entries.values()) earliest = Math.min(earliest ?? Infinity, e.next.getTime());
    if (earliest === this.armedFor && this.fireTimer !== undefined) return;
    this.timers.clearTimeout(this.fireTimer);
    this.fireTimer = this.armedFor = undefined;
    if (earliest === undefined) return;
    const delay = Math.min(Math.max(0, earliest - this.clock.now().getTime()), maxDelayMs);
    this.armedFor = earliest;
    this.fireTimer = this.timers.setTimeout(() => {
      this.fireTimer = this.armedFor = undefined;
      this.firingNow = true;
      this.firing = this.fireDue().finally(() => {
        this.firingNow = false;
        this.arm();
      });
    }, delay);
  }

  private armRefresh(): void {
    if (!this.running) return;
    this.refreshTimer = this.timers.setTimeout(() => {
      this.refresh()
        .catch((error: unknown) => this.options.logger?.error('local scheduler could not read schedules', { error: describeError(error) }))
        .finally(() => this.armRefresh());
    }, this.refreshIntervalMs);
  }

  private async fireDue(): Promise<void> {
    const now = this.clock.now();
    for (const entry of [...this.entries.values()]) {
      if (entry.next.getTime() > now.getTime()) continue;
      const scheduledTime = formatScheduledTime(entry.next);
      // Advance before sending, so nothing that runs meanwhile sees this fire as still due.
      const [next] = scheduleFireTimes(entry.schedule, now, 1);
      if (next) entry.next = next;
      else if (this.entries.get(entry.schedule.id) === entry) this.entries.delete(entry.schedule.id);
      try {
        await this.options.queue.send(scheduledJob(entry.schedule, scheduledTime), { group: entry.schedule.owner });
        this.options.logger?.info('schedule fired', { scheduleId: entry.schedule.id, scheduledTime });
      } catch (error) {
        // Locally there is no retry policy or dead-letter queue: the fire is logged and skipped.
        this.options.logger?.error('local scheduler could not enqueue a scheduled job', {
          scheduleId: entry.schedule.id,
          scheduledTime,
          error: describeError(error),
        });
      }
    }
  }
}

function sameTiming(a: Schedule, b: Schedule): boolean {
  return a.expression === b.expression && a.timezone === b.timezone && a.startDate === b.startDate && a.endDate === b.endDate && a.enabled === b.enabled;
}
