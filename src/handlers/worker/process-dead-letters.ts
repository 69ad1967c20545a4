import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { reportJobSchema } from '../../domain/job-schema';
import { ConflictError } from '../../domain/errors';
import { isDeliveryChannel } from '../../domain/delivery/channels';
import { scheduledRunId } from '../../domain/scheduled-run-id';
import { countDeliverySettled, countRunFinished } from '../../use-cases/statistics';
import type { DeadLetterDeps } from './deps';

/**
 * Consumes the dead-letter queue: a job lands there when the worker crashed or timed out on every
 * delivery, so its run is still `queued` or `running`. Marks such runs `failed` with that reason,
 * so no run stays `running` forever.
 */
export async function processDeadLetters(deps: DeadLetterDeps, event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const parsed = reportJobSchema.safeParse(JSON.parse(record.body));
      if (!parsed.success) continue;
      const job = parsed.data;
      const runId = job.kind === 'scheduled' ? scheduledRunId(job.scheduleId, job.scheduledTime) : job.runId;
      const run = await deps.runs.get(runId);
      const logger = deps.logger.with({ runId });
      if (job.kind === 'deliver') {
        logger.error('delivery dead-lettered', { channel: job.channel });
        const current = run?.deliveries?.[job.channel];
        if (run && current?.status !== 'sent' && current?.status !== 'failed') {
          // Conditional on the state read, so a delivery that finished meanwhile is not overwritten.
          const at = deps.clock.now().toISOString();
          const settled = await deps.ledger.compareAndSet(runId, job.channel, current, {
            status: 'failed',
            attempts: current?.attempts ?? 0,
            at,
            error: current?.error ?? 'The delivery worker crashed or timed out on every attempt.',
            ...(current?.recipients?.length ? { recipients: current.recipients } : {}),
          });
          if (settled && isDeliveryChannel(job.channel)) await countDeliverySettled(deps, run, job.channel, 'failed', at);
        }
        continue;
      }
      if (!run || run.status === 'succeeded' || run.status === 'failed') continue;
      const now = deps.clock.now().toISOString();
      let failed;
      try {
        // Conditional on the status read, so a run that finished meanwhile is neither overwritten nor counted twice.
        failed = await deps.runs.update(
          runId,
          {
            status: 'failed',
            error: {
              code: 'worker_crashed',
              message: `The report worker crashed or timed out on all ${deps.settings.maxReceiveCount} attempts${run.error ? `; last error: ${run.error.message}` : ''}. Try a smaller scope, or ask an operator to raise the worker's memory or timeout.`,
            },
            finishedAt: now,
            updatedAt: now,
          },
          { status: ['queued', 'running'] },
        );
      } catch (error) {
        if (error instanceof ConflictError) continue;
        throw error;
      }
      await countRunFinished(deps, failed);
      logger.error('run dead-lettered and marked failed');
    } catch (error) {
      deps.logger.error('dead letter not processed', { messageId: record.messageId, error });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
