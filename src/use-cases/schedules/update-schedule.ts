import { ConflictError, describeError, isRetryable } from '../../domain/errors';
import { parseOrThrow } from '../../domain/validate';
import { asSchedulerError } from './create-schedule';
import type { Actor, ScheduleDeps } from '../../domain/schedules/deps';
import { assertFiresAgain } from '../../domain/schedules/fires-again';
import { loadSchedule } from './load-schedule';
import { scheduleDatesSchema, updateScheduleBodySchema, type Schedule, type UpdateScheduleBody } from '../../domain/schedules/schedule';

/**
 * Applies a `PATCH /v1/schedules/{id}` body. The record is written `pending` with the new settings
 * (conditional on the version read, so concurrent edits conflict instead of merging), EventBridge is
 * updated with the full settings, then the record is marked `active`. If EventBridge fails, the
 * previous settings are written back and the error is thrown; when the failure leaves the outcome
 * unknown (a timeout, throttling), the restored record stays `pending`, and the next edit re-sends
 * every setting, since UpdateSchedule replaces the whole schedule.
 */
export async function updateSchedule(deps: ScheduleDeps, input: { actor: Actor; id: string; body: unknown }): Promise<Schedule> {
  const patch = parseOrThrow(updateScheduleBodySchema, input.body);
  const current = await loadSchedule(deps.schedules, input.actor, input.id);
  if (current.syncState === 'deleting') throw new ConflictError(`Schedule ${input.id} is being deleted.`);
  const now = deps.clock.now();
  const next = applyPatch(current, patch, now);
  parseOrThrow(scheduleDatesSchema, next);
  const timingChanged = (['expression', 'timezone', 'startDate', 'endDate', 'enabled'] as const).some((k) => next[k] !== current[k]);
  if (timingChanged && next.enabled) assertFiresAgain(next, now);
  await deps.schedules.replace(next, current.version);
  try {
    await deps.scheduler.update(next);
  } catch (error) {
    const restored: Schedule = {
      ...current,
      syncState: isRetryable(error) ? 'pending' : current.syncState,
      version: next.version + 1,
    };
    await deps.schedules.replace(restored, next.version).catch((cleanup: unknown) =>
      deps.logger.error('could not restore the schedule record after the scheduler failed', {
        scheduleId: current.id,
        error: describeError(cleanup),
      }),
    );
    throw asSchedulerError(error, 'update');
  }
  const active: Schedule = { ...next, syncState: 'active', version: next.version + 1 };
  await deps.schedules.replace(active, next.version);
  return active;
}

function applyPatch(current: Schedule, patch: UpdateScheduleBody, now: Date): Schedule {
  const next: Schedule = {
    ...current,
    updatedAt: now.toISOString(),
    syncState: 'pending',
    version: current.version + 1,
  };
  if (patch.expression !== undefined) next.expression = patch.expression.trim();
  if (patch.timezone !== undefined) next.timezone = patch.timezone;
  if (patch.enabled !== undefined) next.enabled = patch.enabled;
  if (patch.report !== undefined) next.report = patch.report;
  // `null` clears an optional field, `undefined` leaves it as it was.
  if (patch.name !== undefined) setOrClear(next, 'name', patch.name ?? undefined);
  if (patch.delivery !== undefined) setOrClear(next, 'delivery', patch.delivery ?? undefined);
  if (patch.deliverWhen !== undefined) setOrClear(next, 'deliverWhen', patch.deliverWhen ?? undefined);
  if (patch.startDate !== undefined) setOrClear(next, 'startDate', patch.startDate ? new Date(patch.startDate).toISOString() : undefined);
  if (patch.endDate !== undefined) setOrClear(next, 'endDate', patch.endDate ? new Date(patch.endDate).toISOString() : undefined);
  return next;
}

function setOrClear<K extends 'name' | 'delivery' | 'deliverWhen' | 'startDate' | 'endDate'>(s: Schedule, key: K, value: Schedule[K]): void {
  if (value === undefined) delete s[key];
  else s[key] = value;
}
