import type { Deps } from '../../domain/deps';
import type { Delivery } from '../../domain/report-spec';
import { deliveryJobsFor } from '../../domain/delivery/channels';
import { deliverReport, type DeliverySettings } from '../../use-cases/deliver-report';
import type { DeliveryLedger, Mailer, ObjectUploader, WebhookSender } from '../../domain/delivery/ports';
import type { ScheduleStore } from '../../domain/schedules/ports';
import type { JobHooks } from './process-jobs';

export interface DeliveryWiring {
  ledger: DeliveryLedger;
  mailer?: Mailer;
  webhooks?: WebhookSender;
  /**
   * Swift uploads, with the credentials of the cloud the reports read
   * (`SwiftObjectUploader.forInventory(deps.inventory)`); without it `swift` deliveries fail.
   */
  uploader?: ObjectUploader;
  settings?: Partial<DeliverySettings>;
  schedules?: ScheduleStore;
}

/**
 * What the worker does around a render: enqueue one delivery job per channel once a run has
 * finished (so delivery retries on its own and never re-renders), deliver those jobs, and keep
 * each schedule's list of its last runs.
 */
export function createJobHooks(deps: Deps, wiring: DeliveryWiring): JobHooks {
  return {
    async afterRun(runId) {
      const run = await deps.runs.get(runId);
      if (!run) return;
      for (const job of deliveryJobsFor(run)) await deps.queue.send(job);
      if (run.scheduleId && wiring.schedules) {
        await wiring.schedules
          .recordRun(run.scheduleId, { runId: run.id, scheduledTime: run.createdAt, status: run.status })
          .catch((error: unknown) => deps.logger.with({ runId }).warn('schedule last-runs not updated', { error }));
      }
    },
    async deliver(job, receiveCount) {
      await deliverReport(
        {
          runs: deps.runs,
          ledger: wiring.ledger,
          artifacts: deps.artifacts,
          mailer: wiring.mailer,
          webhooks: wiring.webhooks,
          uploader: wiring.uploader,
          clock: deps.clock,
          logger: deps.logger,
          settings: wiring.settings,
        },
        job,
        { receiveCount, maxReceiveCount: deps.settings.maxReceiveCount },
      );
    },
    // Webhook secrets are not sent through EventBridge and SQS: the schedule's own record has them.
    async scheduleDelivery(scheduleId): Promise<Delivery | undefined> {
      return (await wiring.schedules?.get(scheduleId))?.delivery;
    },
  };
}
