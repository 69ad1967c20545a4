import type { Delivery } from '../core/report-spec';
import type { ReportJob, ReportRun } from '../core/report-run';

/** Channels delivered after rendering. (`swift` uploads are not implemented here yet.) */
export const deliveryChannels = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

export function isDeliveryChannel(channel: string): channel is DeliveryChannel {
  return (deliveryChannels as readonly string[]).includes(channel);
}

/** Whether `delivery` asks for `channel`. */
export function wantsChannel(delivery: Delivery | undefined, channel: DeliveryChannel): boolean {
  if (!delivery) return false;
  return channel === 'email' ? (delivery.email?.length ?? 0) > 0 : delivery.webhook !== undefined;
}

/**
 * The `{ kind: 'deliver' }` jobs to enqueue once a run finished, succeeded or failed (a failed run
 * still tells its recipients why). Channels already `sent` or `failed` are left out, so calling this
 * again after a retried render enqueues nothing twice.
 */
export function deliveryJobsFor(run: ReportRun): Extract<ReportJob, { kind: 'deliver' }>[] {
  if (run.status !== 'succeeded' && run.status !== 'failed') return [];
  return deliveryChannels
    .filter((channel) => wantsChannel(run.delivery, channel))
    .filter((channel) => {
      const status = run.deliveries?.[channel]?.status;
      return status !== 'sent' && status !== 'failed';
    })
    .map((channel) => ({ kind: 'deliver' as const, runId: run.id, channel }));
}
