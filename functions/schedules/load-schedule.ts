import { NotFoundError } from '../core/errors';
import type { Actor } from './deps';
import type { ScheduleStore } from './ports';
import type { Schedule } from './schedule';

/** The schedule `id` if `actor` may see it; another owner's schedule is reported as missing, not forbidden. */
export async function loadSchedule(store: ScheduleStore, actor: Actor, id: string): Promise<Schedule> {
  const schedule = await store.get(id);
  if (!schedule || (!actor.admin && schedule.owner !== actor.owner)) throw new NotFoundError(`Schedule ${id} does not exist.`);
  return schedule;
}
