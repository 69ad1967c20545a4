import { describeError } from '../../domain/errors';
import { asSchedulerError } from './create-schedule';
import type { Actor, ScheduleDeps } from '../../domain/schedules/deps';
import { loadSchedule } from './load-schedule';
import type { Schedule } from '../../domain/schedules/schedule';

/**
 * Deletes a schedule: the record is marked `deleting`, the EventBridge schedule is deleted (a missing
 * one counts as deleted), then the record goes. EventBridge goes first so that nothing fires for a
 * schedule the user no longer sees. If the scheduler fails, the record is put back as it was and the
 * error is thrown; a crash before the last step leaves a `deleting` record that a retried delete
 * finishes.
 */
export async function deleteSchedule(deps: ScheduleDeps, input: { actor: Actor; id: string }): Promise<void> {
  const current = await loadSchedule(deps.schedules, input.actor, input.id);
  const deleting: Schedule = { ...current, syncState: 'deleting', updatedAt: deps.clock.now().toISOString(), version: current.version + 1 };
  await deps.schedules.replace(deleting, current.version);
  try {
    await deps.scheduler.delete(current.id);
  } catch (error) {
    await deps.schedules.replace({ ...current, version: deleting.version + 1 }, deleting.version).catch((cleanup: unknown) =>
      deps.logger.error('could not restore the schedule record after the scheduler failed', {
        scheduleId: current.id,
        error: describeError(cleanup),
      }),
    );
    throw asSchedulerError(error, 'delete');
  }
  await deps.schedules.delete(current.id);
}
