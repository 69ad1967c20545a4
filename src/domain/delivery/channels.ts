import type { Delivery } from '../report-spec';
import type { ReportJob, ReportRun } from '../report-run';

/** Channels delivered after rendering. */
export const deliveryChannels = ['email', 'webhook', 'swift'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

export function isDeliveryChannel(channel: string): channel is DeliveryChannel {
  return (deliveryChannels as readonly string[]).includes(channel);
}

/** Whether `delivery` asks for `channel`. */
export function wantsChannel(delivery: Delivery | undefined, channel: DeliveryChannel): boolean {
  if (!delivery) return false;
  switch (channel) {
    case 'email':
      return (delivery.email?.length ?? 0) > 0;
    case 'webhook':
      return delivery.webhook !== undefined;
    case 'swift':
      return delivery.swift !== undefined;
  }
}

/**
 * Whether a finished run is delivered on a channel it asks for: e-mail and webhook tell about
 * failed runs too; Swift only receives the files of a succeeded run (a failed one has none).
 */
export function channelApplies(run: Pick<ReportRun, 'status'>, channel: DeliveryChannel): boolean {
  return channel === 'swift' ? run.status === 'succeeded' : run.status === 'succeeded' || run.status === 'failed';
}

/**
 * The `{ kind: 'deliver' }` jobs to enqueue once a run finished, succeeded or failed (a failed run
 * still tells its recipients why). Channels already `sent` or `failed` are left out, so calling this
 * again after a retried render enqueues nothing twice.
 */
export function deliveryJobsFor(run: ReportRun): Extract<ReportJob, { kind: 'deliver' }>[] {
  if (run.status !== 'succeeded' && run.status !== 'failed') return [];
  return deliveryChannels
    .filter((channel) => wantsChannel(run.delivery, channel) && channelApplies(run, channel))
    .filter((channel) => {
      const status = run.deliveries?.[channel]?.status;
      return status !== 'sent' && status !== 'failed';
    })
    .map((channel) => ({ kind: 'deliver' as const, runId: run.id, channel }));
}
