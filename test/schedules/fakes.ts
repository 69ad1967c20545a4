import type { Clock, JobQueue, Logger } from '../../src/domain/ports';
import type { ReportJob } from '../../src/domain/report-run';
import type { SchedulerPort } from '../../src/domain/schedules/ports';
import type { Schedule } from '../../src/domain/schedules/schedule';

/** A logger that keeps its lines for assertions. */
export function memoryLogger(lines: { level: string; message: string; extra?: Record<string, unknown> }[] = []): Logger {
  const make = (keys: Record<string, unknown>): Logger => ({
    debug: (message, extra) => lines.push({ level: 'debug', message, extra: { ...keys, ...extra } }),
    info: (message, extra) => lines.push({ level: 'info', message, extra: { ...keys, ...extra } }),
    warn: (message, extra) => lines.push({ level: 'warn', message, extra: { ...keys, ...extra } }),
    error: (message, extra) => lines.push({ level: 'error', message, extra: { ...keys, ...extra } }),
    with: (more) => make({ ...keys, ...more }),
  });
  return make({});
}

/** A clock that reads a settable instant. */
export function fixedClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (v) => (now = new Date(v)) };
}

export class MemoryQueue implements JobQueue {
  readonly jobs: ReportJob[] = [];
  async send(job: ReportJob): Promise<void> {
    this.jobs.push(structuredClone(job));
  }
  async ping(): Promise<void> {}
}

/** A scheduler port that records calls and fails on demand. */
export class RecordingScheduler implements SchedulerPort {
  readonly calls: { op: 'create' | 'update' | 'delete'; id: string; schedule?: Schedule }[] = [];
  failNext?: Error;
  private maybeFail(): void {
    const e = this.failNext;
    this.failNext = undefined;
    if (e) throw e;
  }
  async create(schedule: Schedule): Promise<void> {
    this.calls.push({ op: 'create', id: schedule.id, schedule });
    this.maybeFail();
  }
  async update(schedule: Schedule): Promise<void> {
    this.calls.push({ op: 'update', id: schedule.id, schedule });
    this.maybeFail();
  }
  async delete(id: string): Promise<void> {
    this.calls.push({ op: 'delete', id });
    this.maybeFail();
  }
}

/** A stored schedule with sensible defaults. */
export function aSchedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    id: 'sch-1',
    owner: 'alice',
    expression: 'cron(0 8 * * ? *)',
    timezone: 'UTC',
    enabled: true,
    report: {
      type: 'inventory',
      formats: ['pdf'],
      locale: 'en',
      theme: 'default',
      wasteShutoffDays: 30,
      accessiblePdf: false,
    },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    syncState: 'active',
    version: 1,
    ...overrides,
  };
}
