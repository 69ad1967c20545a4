import type { Clock, JobQueue, Logger } from '../ports';
import type { ScheduleStore, SchedulerPort } from './ports';

/** What the schedule use cases need; built once per environment by the wiring. */
export interface ScheduleDeps {
  schedules: ScheduleStore;
  scheduler: SchedulerPort;
  queue: JobQueue;
  clock: Clock;
  /** New schedule ids: 1-64 of `[0-9A-Za-z_.-]`, because the id names the EventBridge schedule. */
  newId: () => string;
  logger: Logger;
}

/** Who is asking. An admin sees and changes every owner's schedules. */
export interface Actor {
  owner: string;
  admin?: boolean;
}
