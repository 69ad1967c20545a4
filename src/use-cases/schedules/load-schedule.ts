import { NotFoundError } from '../../domain/errors';
import type { Actor } from '../../domain/schedules/deps';
import type { ScheduleStore } from '../../domain/schedules/ports';
import type { Schedule } from '../../domain/schedules/schedule';

/** The schedule `id` if `actor` may see it; another owner's schedule is reported as missing, not forbidden. */
export async function loadSchedule(store: ScheduleStore, actor: Actor, id: string): Promise<Schedule> {
  const schedule = await store.get(id);
  if (!schedule || (!actor.admin && schedule.owner !== actor.owner)) throw new NotFoundError(`Schedule ${id} does not exist.`);
  return schedule;
}
