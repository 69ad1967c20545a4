import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Deps } from '../../domain/deps';
import { reportJobSchema } from '../../domain/job-schema';
import type { ReportJob } from '../../domain/report-run';
import type { Delivery } from '../../domain/report-spec';
import { runReportJob } from '../../use-cases/run-report-job';
import { scheduledRunId } from '../../domain/scheduled-run-id';
import { startScheduledRun } from '../../use-cases/start-scheduled-run';

/** Optional steps other modules plug in (delivery). */
export interface JobHooks {
  /** Called after a run reached `succeeded` or `failed`. */
  afterRun?: (runId: string) => Promise<void>;
  /** Handles `{kind: 'deliver'}` jobs. */
  deliver?: (job: Extract<ReportJob, { kind: 'deliver' }>, receiveCount: number) => Promise<void>;
  /** The current delivery of a schedule (with its webhook secret, which queue messages do not carry). */
  scheduleDelivery?: (scheduleId: string) => Promise<Delivery | undefined>;
}

function parseRecord(record: SQSRecord): ReportJob | undefined {
  try {
    const parsed = reportJobSchema.safeParse(JSON.parse(record.body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one queue message's job. */
export async function processJob(deps: Deps, hooks: JobHooks, job: ReportJob, receiveCount: number): Promise<void> {
  switch (job.kind) {
    case 'run':
    case 'scheduled': {
      const runId =
        job.kind === 'run'
          ? job.runId
          : await startScheduledRun(deps, { ...job, delivery: (await hooks.scheduleDelivery?.(job.scheduleId)) ?? job.delivery });
      const run = await runReportJob(deps, runId, { receiveCount });
      if (run && (run.status === 'succeeded' || run.status === 'failed')) await hooks.afterRun?.(runId);
      return;
    }
    case 'deliver':
      if (!hooks.deliver) throw new Error('delivery is not configured in this worker');
      await hooks.deliver(job, receiveCount);
      return;
  }
}

/**
 * The SQS handler's body (AWS and local alike): each record is processed on its own, and only the
 * records that failed are reported back, so one failure never fails the rest of its batch.
 */
export async function processSqsEvent(deps: Deps, hooks: JobHooks, event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const job = parseRecord(record);
    if (!job) {
      // Retrying cannot fix a malformed message; it is logged (without its body) and dropped.
      deps.logger.error('malformed job message dropped', { messageId: record.messageId });
      continue;
    }
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    try {
      await processJob(deps, hooks, job, receiveCount);
    } catch (error) {
      const runId = job.kind === 'scheduled' ? scheduledRunId(job.scheduleId, job.scheduledTime) : job.runId;
      deps.logger.with({ runId }).warn('job failed; returned to the queue', { messageId: record.messageId, kind: job.kind, error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
