import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { RetryLaterError } from '../../domain/errors';
import { reportJobSchema } from '../../domain/job-schema';
import type { ReportJob, ReportRun } from '../../domain/report-run';
import { retryDelaySeconds } from '../../domain/retry-backoff';
import { scheduledRunId } from '../../domain/scheduled-run-id';
import { scheduledReportSpec } from '../../domain/schedules/scheduled-job';
import { deliveryJobsFor } from '../../domain/delivery/channels';
import { deliverReport } from '../../use-cases/deliver-report';
import { gateBudgetDelivery } from '../../use-cases/gate-budget-delivery';
import { runReportJob } from '../../use-cases/run-report-job';
import { startScheduledRun } from '../../use-cases/start-scheduled-run';
import { noTracer } from '../../domain/telemetry';
import type { WorkerDeps } from './deps';

function parseRecord(record: SQSRecord): ReportJob | undefined {
  try {
    const parsed = reportJobSchema.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * After a run reached `succeeded` or `failed`: one delivery job per channel (so delivery retries on
 * its own and never renders again), unless a budget-alert schedule's gate holds the delivery back,
 * and the run in its schedule's list of last runs.
 */
async function afterRun(deps: WorkerDeps, run: ReportRun): Promise<void> {
  if (await gateBudgetDelivery(deps, run)) {
    for (const job of deliveryJobsFor(run)) await deps.queue.send(job, { group: run.owner });
  }
  if (run.scheduleId) {
    await deps.schedules
      .recordRun(run.scheduleId, { runId: run.id, scheduledTime: run.createdAt, status: run.status })
      .catch((error: unknown) => deps.logger.with({ runId: run.id }).warn('schedule last-runs not updated', { error }));
  }
}

/** A scheduled job with what only the schedule's record has: the webhook secret, and the zone as its report's default zone. */
async function withScheduleSettings(deps: WorkerDeps, job: Extract<ReportJob, { kind: 'scheduled' }>): Promise<Extract<ReportJob, { kind: 'scheduled' }>> {
  const schedule = await deps.schedules.get(job.scheduleId);
  if (!schedule) return job;
  return {
    ...job,
    spec: scheduledReportSpec({ report: job.spec, timezone: schedule.timezone }),
    delivery: schedule.delivery ?? job.delivery,
    deliverWhen: schedule.deliverWhen,
  };
}

/** Runs one queue message's job. */
export async function processJob(deps: WorkerDeps, job: ReportJob, receiveCount: number): Promise<void> {
  switch (job.kind) {
    case 'run':
    case 'scheduled': {
      // Webhook secrets are not sent through EventBridge and SQS: the schedule's own record has them.
      // Its zone too, for jobs an EventBridge target built before the zone travelled in the job.
      const runId = job.kind === 'run' ? job.runId : await startScheduledRun(deps, await withScheduleSettings(deps, job));
      const run = await runReportJob(deps, runId, { receiveCount });
      // The run as runReportJob last wrote or read it (a DynamoDB update returns the whole item): no second read.
      if (run && (run.status === 'succeeded' || run.status === 'failed')) await afterRun(deps, run);
      return;
    }
    case 'deliver':
      await deliverReport({ ...deps, settings: { retryBackoff: deps.settings.retryBackoff, ...deps.settings.delivery } }, job, {
        receiveCount,
        maxReceiveCount: deps.settings.maxReceiveCount,
      });
      return;
  }
}

/**
 * The SQS handler's body (AWS and local alike): each record is processed on its own, and only the
 * records that failed are reported back, so one failure never fails the rest of its batch. Before
 * a record is reported failed, its message's visibility is set to the retry backoff (the wait the
 * use case chose and recorded, or the default for this attempt), so it comes back in seconds to
 * minutes rather than after the queue's whole visibility timeout.
 */
export async function processSqsEvent(deps: WorkerDeps, event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const job = parseRecord(record);
    if (!job) {
      // Retrying cannot fix a malformed message; it is logged (without its body) and dropped.
      deps.logger.error('malformed job message dropped', { messageId: record.messageId });
      continue;
    }
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    const runId = job.kind === 'scheduled' ? scheduledRunId(job.scheduleId, job.scheduledTime) : job.runId;
    const sentAt = Number(record.attributes.SentTimestamp);
    if (sentAt > 0) deps.metrics?.observe('queue_age_seconds', { kind: job.kind }, Math.max(0, deps.clock.now().getTime() - sentAt) / 1000);
    try {
      // The job's trace continues here (a scheduled job from EventBridge brings none and starts its own).
      await (deps.tracer ?? noTracer).span(
        `process ${job.kind}`,
        {
          kind: 'consumer',
          parent: job.traceparent,
          ...(job.kind === 'scheduled' && job.traceLink ? { links: [job.traceLink] } : {}),
          attributes: {
            'messaging.system': 'aws_sqs',
            'messaging.operation.type': 'process',
            'messaging.message.id': record.messageId,
            'openstack_reports.job.kind': job.kind,
            'openstack_reports.run.id': runId,
            'openstack_reports.attempt': receiveCount,
            ...(job.kind === 'deliver' ? { 'openstack_reports.channel': job.channel } : {}),
          },
        },
        () => {
          // Every line of the job, down to the OpenStack client's and the renderer's, names its run.
          const work = () => processJob(deps, job, receiveCount);
          return deps.logger.within ? deps.logger.within({ runId }, work) : work();
        },
      );
    } catch (error) {
      const log = deps.logger.with({ runId });
      const delaySeconds = error instanceof RetryLaterError ? error.delaySeconds : retryDelaySeconds(receiveCount, deps.settings.retryBackoff);
      log.warn('job failed; returned to the queue', { messageId: record.messageId, kind: job.kind, error, delaySeconds });
      // Without it the message still comes back, after the whole visibility timeout.
      await deps.retryDelay
        .delay(record.receiptHandle, delaySeconds)
        .catch((cause: unknown) => log.warn('retry delay not set; the message returns after the visibility timeout', { error: cause }));
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
