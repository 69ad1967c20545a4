import { ConflictError } from '../../domain/errors';
import type { RunStore } from '../../domain/ports';
import { assertRunCapacity } from '../run-capacity';
import type { Actor, ScheduleDeps } from '../../domain/schedules/deps';
import { loadSchedule } from './load-schedule';
import { formatScheduledTime, scheduledJob } from '../../domain/schedules/scheduled-job';

/**
 * Fires a schedule once, now, by sending the same job its scheduler would send. Works for disabled
 * schedules too. The fire time is truncated to the second (as EventBridge's are), so a double click
 * within one second makes one run: the worker derives the run id from schedule and fire time.
 * Like a report request, it is refused when the schedule's owner has too many runs queued or running.
 */
export async function runScheduleNow(
  deps: ScheduleDeps & { runs?: Pick<RunStore, 'countActive'>; settings?: { maxActiveRunsPerOwner?: number } },
  input: { actor: Actor; id: string },
): Promise<{ scheduleId: string; scheduledTime: string }> {
  const schedule = await loadSchedule(deps.schedules, input.actor, input.id);
  if (schedule.syncState === 'deleting') throw new ConflictError(`Schedule ${input.id} is being deleted.`);
  if (deps.runs) await assertRunCapacity(deps.runs, schedule.owner, deps.settings?.maxActiveRunsPerOwner);
  const scheduledTime = formatScheduledTime(deps.clock.now());
  await deps.queue.send(scheduledJob(schedule, scheduledTime), { group: schedule.owner });
  return { scheduleId: schedule.id, scheduledTime };
}
