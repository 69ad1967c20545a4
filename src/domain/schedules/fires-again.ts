import { ValidationError } from '../errors';
import { nextFireTimes } from './fire-times';
import type { Schedule } from './schedule';

/** The next `count` fire times of a schedule after `after` (none while it is disabled). */
export function scheduleFireTimes(schedule: Schedule, after: Date, count: number): Date[] {
  if (!schedule.enabled) return [];
  return nextFireTimes(schedule.expression, {
    timezone: schedule.timezone,
    after,
    count,
    startDate: schedule.startDate ? new Date(schedule.startDate) : undefined,
    endDate: schedule.endDate ? new Date(schedule.endDate) : undefined,
    createdAt: new Date(schedule.createdAt),
  });
}

/**
 * Refuses a schedule that would never fire after `now` (an at() in the past, a year field or endDate
 * behind us, `cron(0 0 30 FEB ? *)`): EventBridge would accept it and silently do nothing.
 */
export function assertFiresAgain(schedule: Schedule, now: Date): void {
  if (scheduleFireTimes({ ...schedule, enabled: true }, now, 1).length > 0) return;
  const path = schedule.endDate && Date.parse(schedule.endDate) <= now.getTime() ? 'endDate' : 'expression';
  throw new ValidationError([{ path, message: `the schedule would never fire after ${now.toISOString()}` }]);
}
