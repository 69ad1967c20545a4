import {
  CreateScheduleCommand,
  DeleteScheduleCommand,
  UpdateScheduleCommand,
  type CreateScheduleCommandInput,
  type SchedulerClient,
  type UpdateScheduleCommandInput,
} from '@aws-sdk/client-scheduler';
import { AppError } from '../../domain/errors';
import type { SchedulerPort } from '../../domain/schedules/ports';
import type { Schedule } from '../../domain/schedules/schedule';
import { scheduledJob } from '../../domain/schedules/scheduled-job';
import type { ReportJob } from '../../domain/report-run';

export interface EventBridgeSchedulerOptions {
  client: SchedulerClient;
  /** The stack's schedule group; every schedule of this deployment lives in it. */
  groupName: string;
  /** The jobs queue (templated SQS SendMessage target). */
  queueArn: string;
  /** Role EventBridge Scheduler assumes to send to the queue. */
  roleArn: string;
  /** Queue receiving events EventBridge Scheduler could not deliver after its retries. */
  dlqArn: string;
  /** Customer managed key for the target input, which carries the report spec and delivery settings. */
  kmsKeyArn?: string;
  /** How long EventBridge Scheduler keeps retrying a failed send (default one hour). */
  maximumEventAgeInSeconds?: number;
  maximumRetryAttempts?: number;
  /** The current span's W3C `traceparent` (the request saving the schedule), put in the input as `traceLink`. */
  traceContext?: () => string | undefined;
}

/** EventBridge's placeholder for the fire time in a target input; replaced on every invocation. */
export const scheduledTimePlaceholder = '<aws.scheduler.scheduled-time>';

type ScheduleRequest = Omit<CreateScheduleCommandInput, 'ClientToken'> & UpdateScheduleCommandInput;

/**
 * `SchedulerPort` on Amazon EventBridge Scheduler: one schedule per record, named by the record id,
 * in the stack's group, sending a `{ kind: 'scheduled' }` job to the jobs queue when it fires.
 */
export class EventBridgeScheduler implements SchedulerPort {
  constructor(private readonly options: EventBridgeSchedulerOptions) {}

  /** The CreateSchedule/UpdateSchedule request for a record (exported for the schedule view and tests). */
  request(schedule: Schedule): ScheduleRequest {
    const o = this.options;
    const oneTime = schedule.expression.trim().startsWith('at(');
    return {
      Name: schedule.id,
      GroupName: o.groupName,
      ScheduleExpression: schedule.expression.trim(),
      ScheduleExpressionTimezone: schedule.timezone,
      // EventBridge ignores both for at(); the body schema refuses them there anyway.
      ...(!oneTime && schedule.startDate ? { StartDate: new Date(schedule.startDate) } : {}),
      ...(!oneTime && schedule.endDate ? { EndDate: new Date(schedule.endDate) } : {}),
      ...(schedule.name ? { Description: schedule.name.slice(0, 512) } : {}),
      State: schedule.enabled ? 'ENABLED' : 'DISABLED',
      ...(o.kmsKeyArn ? { KmsKeyArn: o.kmsKeyArn } : {}),
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: o.queueArn,
        RoleArn: o.roleArn,
        Input: JSON.stringify(this.input(schedule)),
        RetryPolicy: {
          MaximumEventAgeInSeconds: o.maximumEventAgeInSeconds ?? 3600,
          MaximumRetryAttempts: o.maximumRetryAttempts ?? 10,
        },
        DeadLetterConfig: { Arn: o.dlqArn },
      },
      // A one-time schedule removes itself once it fired; our record stays and shows no next fire time.
      ActionAfterCompletion: oneTime ? 'DELETE' : 'NONE',
    };
  }

  /** The job the schedule sends, with a link to the trace of the request saving it when tracing is on. */
  private input(schedule: Schedule): ReportJob {
    const traceLink = this.options.traceContext?.();
    return { ...scheduledJob(schedule, scheduledTimePlaceholder), ...(traceLink ? { traceLink } : {}) };
  }

  async create(schedule: Schedule): Promise<void> {
    try {
      // Same token for a retried create of the same version, so a retry after a timeout is a no-op.
      await this.options.client.send(new CreateScheduleCommand({ ...this.request(schedule), ClientToken: `${schedule.id}-v${schedule.version}`.slice(0, 64) }));
    } catch (error) {
      // Already there (an earlier attempt got through): make it match the record.
      if (errorName(error) === 'ConflictException') return this.update(schedule);
      throw schedulerError('create', schedule.id, error);
    }
  }

  async update(schedule: Schedule): Promise<void> {
    try {
      // UpdateSchedule replaces every setting: the full request is sent, never a diff.
      await this.options.client.send(new UpdateScheduleCommand(this.request(schedule)));
    } catch (error) {
      // A completed at() schedule deleted itself; editing it creates it again.
      if (errorName(error) === 'ResourceNotFoundException') {
        try {
          await this.options.client.send(new CreateScheduleCommand(this.request(schedule)));
          return;
        } catch (createError) {
          throw schedulerError('create', schedule.id, createError);
        }
      }
      throw schedulerError('update', schedule.id, error);
    }
  }

  async delete(scheduleId: string): Promise<void> {
    try {
      await this.options.client.send(new DeleteScheduleCommand({ Name: scheduleId, GroupName: this.options.groupName }));
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException') return;
      throw schedulerError('delete', scheduleId, error);
    }
  }
}

const retryableErrors = new Set(['ThrottlingException', 'InternalServerException']);

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function schedulerError(action: string, id: string, cause: unknown): AppError {
  const name = errorName(cause) ?? 'Error';
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new AppError('scheduler_error', `EventBridge Scheduler could not ${action} schedule ${id}: ${name}: ${detail}`, {
    cause,
    // Network failures (no service error name) are worth another try too.
    retryable: retryableErrors.has(name) || !(cause instanceof Error && '$metadata' in cause),
  });
}
