import { ConflictError } from '../../domain/errors';
import type { Page } from '../../domain/ports';
import type { ListSchedulesQuery, ScheduleStore } from '../../domain/schedules/ports';
import { scheduleLimits, type Schedule, type ScheduleRunRef } from '../../domain/schedules/schedule';
import { withRun } from '../../domain/schedules/last-runs';

/**
 * A `ScheduleStore` in process memory, for the local runtime and tests. Records are copied in and
 * out, so callers never share an object with the store.
 */
export class InMemoryScheduleStore implements ScheduleStore {
  private readonly records = new Map<string, Schedule>();

  async create(schedule: Schedule): Promise<void> {
    if (this.records.has(schedule.id)) throw new ConflictError(`Schedule ${schedule.id} already exists.`);
    this.records.set(schedule.id, structuredClone(schedule));
  }

  async get(id: string): Promise<Schedule | undefined> {
    const s = this.records.get(id);
    return s && structuredClone(s);
  }

  async replace(schedule: Schedule, expectedVersion: number): Promise<void> {
    const current = this.records.get(schedule.id);
    if (!current || current.version !== expectedVersion) {
      throw new ConflictError(`Schedule ${schedule.id} was changed or deleted by another request.`);
    }
    // lastRuns belongs to recordRun: a replace built from an older read must not drop newer runs.
    this.records.set(schedule.id, structuredClone({ ...schedule, lastRuns: current.lastRuns }));
  }

  async delete(id: string): Promise<void> {
    this.records.delete(id);
  }

  async list(query: ListSchedulesQuery): Promise<Page<Schedule>> {
    const key = (s: Schedule) => `${s.createdAt}#${s.id}`;
    const sorted = [...this.records.values()]
      .filter((s) => query.owner === undefined || s.owner === query.owner)
      .sort((a, b) => (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0));
    const from = query.cursor ? sorted.findIndex((s) => key(s) < query.cursor!) : 0;
    const items = from < 0 ? [] : sorted.slice(from, from + query.limit);
    const more = from >= 0 && from + query.limit < sorted.length;
    return { items: structuredClone(items), ...(more ? { nextCursor: key(items[items.length - 1]) } : {}) };
  }

  async recordRun(id: string, run: ScheduleRunRef): Promise<void> {
    const current = this.records.get(id);
    if (current) current.lastRuns = withRun(current.lastRuns, run, scheduleLimits.lastRuns);
  }
}
