/**
 * Ports of the schedules unit: where schedule records live and what turns them into fire events
 * (EventBridge Scheduler on AWS, the local scheduler on a laptop).
 */
import type { Page } from '../ports';
import type { Schedule, ScheduleRunRef } from './schedule';

export interface ListSchedulesQuery {
  /** Without `owner`, all owners (admin, local scheduler). */
  owner?: string;
  limit: number;
  cursor?: string;
}

/** Schedule records. Writes that take an expected version throw `ConflictError` when it changed. */
export interface ScheduleStore {
  /** Throws `ConflictError` when the id exists. */
  create(schedule: Schedule): Promise<void>;
  get(id: string): Promise<Schedule | undefined>;
  /** Replaces the record if its stored `version` is still `expectedVersion`. */
  replace(schedule: Schedule, expectedVersion: number): Promise<void>;
  /** Deletes the record; a missing record is not an error. */
  delete(id: string): Promise<void>;
  /** Newest first within an owner; any order across owners. */
  list(query: ListSchedulesQuery): Promise<Page<Schedule>>;
  /**
   * Prepends a run to `lastRuns` (keeping the newest few, one entry per run id) without touching
   * `version`, so a worker recording a run never conflicts with a user editing the schedule.
   */
  recordRun(id: string, run: ScheduleRunRef): Promise<void>;
}

/**
 * Whatever fires schedules. Implementations are idempotent: `create` of an existing schedule updates
 * it, `update` of a missing one creates it, `delete` of a missing one succeeds.
 */
export interface SchedulerPort {
  create(schedule: Schedule): Promise<void>;
  update(schedule: Schedule): Promise<void>;
  delete(scheduleId: string): Promise<void>;
}
