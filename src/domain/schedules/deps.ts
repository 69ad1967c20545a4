import type { Ports } from '../deps';

/** What the schedule use cases need. New schedule ids (`newId`) are 1-64 of `[0-9A-Za-z_.-]`: the id names the EventBridge schedule. */
export type ScheduleDeps = Pick<Ports, 'schedules' | 'scheduler' | 'queue' | 'clock' | 'newId' | 'logger'>;

/** Who is asking. An admin sees and changes every owner's schedules. */
export interface Actor {
  owner: string;
  admin?: boolean;
}
