import type { ReportJob } from '../report-run';
import { defaultPeriodPreset, type ReportSpec } from '../report-spec';
import type { Schedule } from './schedule';

/** The queue message a schedule sends when it fires at `scheduledTime`. */
export type ScheduledJob = Extract<ReportJob, { kind: 'scheduled' }>;

/**
 * The job a schedule enqueues at `scheduledTime` (an ISO instant, or EventBridge's
 * `<aws.scheduler.scheduled-time>` placeholder, which it replaces when it fires).
 */
export function scheduledJob(schedule: Schedule, scheduledTime: string): ScheduledJob {
  return {
    kind: 'scheduled',
    scheduleId: schedule.id,
    owner: schedule.owner,
    scheduledTime,
    spec: scheduledReportSpec(schedule),
    ...(schedule.delivery ? { delivery: withoutSecrets(schedule.delivery) } : {}),
    ...(schedule.deliverWhen ? { deliverWhen: schedule.deliverWhen } : {}),
  };
}

/**
 * The report a firing runs: the schedule's time zone is the default zone of its period, so a
 * schedule in America/Sao_Paulo reports Sao Paulo's months and days. A period that names its own
 * `timezone` keeps it; a spec without a period gets the default preset in the schedule's zone.
 */
export function scheduledReportSpec(schedule: Pick<Schedule, 'report' | 'timezone'>): ReportSpec {
  const spec = schedule.report;
  if (spec.period?.timezone) return spec;
  return { ...spec, period: { ...(spec.period ?? { preset: defaultPeriodPreset }), timezone: schedule.timezone } };
}

/**
 * The delivery without the webhook secret: the message travels through EventBridge and SQS, so the
 * secret stays in the schedule's record, where the worker reads it when the schedule fires.
 */
function withoutSecrets(delivery: NonNullable<Schedule['delivery']>): NonNullable<Schedule['delivery']> {
  if (!delivery.webhook?.secret) return delivery;
  const { secret: _secret, ...webhook } = delivery.webhook;
  return { ...delivery, webhook };
}

/**
 * A fire time as EventBridge writes it (`2022-03-22T18:59:43Z`, no milliseconds), so the worker's run
 * id, derived from schedule and fire time, is the same whichever scheduler fired.
 */
export function formatScheduledTime(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
