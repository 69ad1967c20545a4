import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeScheduler } from '../../adapters/aws/eventbridge-scheduler';
import type { Tracer } from '../../domain/ports';
import type { SchedulerPort } from '../../domain/schedules/ports';
import type { AwsConfig } from '../config';

/** Schedules on EventBridge Scheduler, for the wiring to `import()` on first use (see s3-artifact-store.ts for why a module of its own). */
export function eventBridgeScheduler(
  config: Pick<AwsConfig, 'SCHEDULE_GROUP' | 'JOBS_QUEUE_ARN' | 'SCHEDULER_ROLE_ARN' | 'SCHEDULER_DLQ_ARN'>,
  tracer?: Tracer,
): SchedulerPort {
  return new EventBridgeScheduler({
    client: new SchedulerClient({}),
    groupName: config.SCHEDULE_GROUP,
    queueArn: config.JOBS_QUEUE_ARN,
    roleArn: config.SCHEDULER_ROLE_ARN,
    dlqArn: config.SCHEDULER_DLQ_ARN,
    ...(tracer ? { traceContext: () => tracer.traceparent() } : {}),
  });
}
