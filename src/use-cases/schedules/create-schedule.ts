import { AppError, describeError } from '../../domain/errors';
import { parseOrThrow } from '../../domain/validate';
import type { Actor, ScheduleDeps } from '../../domain/schedules/deps';
import { assertFiresAgain } from '../../domain/schedules/fires-again';
import { createScheduleBodySchema, type Schedule } from '../../domain/schedules/schedule';

const scheduleIdPattern = /^[0-9A-Za-z_.-]{1,64}$/;

/**
 * Creates a schedule from a `POST /v1/schedules` body (validated here; throws `ValidationError`).
 *
 * Our record and EventBridge are kept consistent in three steps: the record is written `pending`,
 * the schedule is created in EventBridge, then the record is marked `active`. If EventBridge refuses,
 * the record is deleted again and the error is thrown. A crash between the last two steps leaves a
 * `pending` record whose schedule exists; the next update or delete brings both in line, because
 * the scheduler port is idempotent both ways.
 */
export async function createSchedule(deps: ScheduleDeps, input: { actor: Actor; body: unknown }): Promise<Schedule> {
  const body = parseOrThrow(createScheduleBodySchema, input.body);
  const now = deps.clock.now();
  const id = deps.newId();
  if (!scheduleIdPattern.test(id)) throw new Error(`newId returned "${id}", which cannot name an EventBridge schedule`);
  const schedule: Schedule = {
    id,
    owner: input.actor.owner,
    ...(body.name ? { name: body.name } : {}),
    expression: body.expression.trim(),
    timezone: body.timezone,
    ...(body.startDate ? { startDate: new Date(body.startDate).toISOString() } : {}),
    ...(body.endDate ? { endDate: new Date(body.endDate).toISOString() } : {}),
    enabled: body.enabled,
    report: body.report,
    ...(body.delivery ? { delivery: body.delivery } : {}),
    ...(body.deliverWhen ? { deliverWhen: body.deliverWhen } : {}),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    syncState: 'pending',
    version: 1,
  };
  assertFiresAgain(schedule, now);
  await deps.schedules.create(schedule);
  try {
    await deps.scheduler.create(schedule);
  } catch (error) {
    await deps.schedules.delete(id).catch((cleanup: unknown) =>
      deps.logger.error('could not delete the pending schedule record after the scheduler failed', {
        scheduleId: id,
        error: describeError(cleanup),
      }),
    );
    throw asSchedulerError(error, 'create');
  }
  const active: Schedule = { ...schedule, syncState: 'active', version: 2 };
  await deps.schedules.replace(active, 1);
  return active;
}

/** The scheduler's error if it is already an `AppError`, else one that says which step failed. */
export function asSchedulerError(error: unknown, action: string): AppError {
  if (error instanceof AppError) return error;
  return new AppError('scheduler_error', `Could not ${action} the schedule in the scheduler: ${describeError(error)}`, {
    cause: error,
    retryable: true,
  });
}
