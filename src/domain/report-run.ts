import type { Delivery, ReportSpec } from './report-spec';
import type { DeliverWhen, DeliveryGate } from './schedules/deliver-when';

export const runStatuses = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const artifactFormats = ['pdf', 'csv', 'json', 'html', 'xlsx'] as const;
export type ArtifactFormat = (typeof artifactFormats)[number];

/** One stored output of a run. */
export interface Artifact {
  format: ArtifactFormat;
  key: string;
  bytes: number;
  contentType: string;
}

/** Wall time of one stage of a run (fetch, render, store, deliver). */
export interface StageTiming {
  name: string;
  startedAt: string;
  ms: number;
}

/**
 * What became of one e-mail recipient. A recipient is listed once it is settled: `sent` (the mail
 * server accepted it) or `failed` (refused for good, with the server's reply); recipients not listed
 * are still to be sent, so a retry sends only to those.
 */
export interface RecipientState {
  address: string;
  status: 'sent' | 'failed';
  error?: string;
}

/**
 * The state of one delivery channel of a run; delivery is idempotent per run and channel. `attempts`
 * counts every try to deliver, a webhook sender's own retries included, and is never behind what
 * `error` reports. A delivery that will not be tried again is `failed` at once.
 */
export interface DeliveryState {
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  at?: string;
  error?: string;
  /** E-mail only: the recipients settled so far (see `RecipientState`). */
  recipients?: RecipientState[];
  /** While `pending` after a failed attempt: when the worker tries again. */
  nextAttemptAt?: string;
}

/** One report run: the record a user polls. */
export interface ReportRun {
  id: string;
  owner: string;
  type: ReportSpec['type'];
  status: RunStatus;
  spec: ReportSpec;
  delivery?: Delivery;
  scheduleId?: string;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Attempts the worker started (queue receives). */
  attempts: number;
  /** While a failed attempt waits to be retried (`queued`): when the queue delivers the job again. */
  nextAttemptAt?: string;
  error?: { code: string; message: string };
  artifacts: Artifact[];
  /**
   * Where the run's JSON data snapshot is kept (`GET /v1/reports/{id}/data`): the `json` artifact,
   * or `reports/<id>/data.json` when JSON was not among the formats. Every succeeded run has one.
   */
  dataKey?: string;
  stages: StageTiming[];
  /** Key figures of the report (server count, totals) for e-mail, webhook and API. */
  summary?: Record<string, string | number>;
  deliveries?: Record<string, DeliveryState>;
  /** Runs of a budget-alert schedule: the schedule's `deliverWhen` when it fired. */
  deliverWhen?: DeliverWhen;
  /** Runs with `deliverWhen`, once finished: whether they were delivered, and why. */
  deliveryGate?: DeliveryGate;
}

/**
 * A queue message. `run`: render a run recorded by the API. `scheduled`: a schedule fired (sent by
 * EventBridge Scheduler or the local scheduler), the worker records the run itself, with an id
 * derived from schedule and fire time so a duplicate message makes no second run. `deliver`: deliver
 * a rendered run on one channel.
 */
export type ReportJob = (
  | { kind: 'run'; runId: string }
  | {
      kind: 'scheduled';
      scheduleId: string;
      owner: string;
      scheduledTime: string;
      spec: ReportSpec;
      delivery?: Delivery;
      deliverWhen?: DeliverWhen;
      /**
       * EventBridge Scheduler's input is fixed when the schedule is saved: the `traceparent` of the
       * request that saved it, which the fire's trace links to (a link, not a parent: fires are
       * traces of their own).
       */
      traceLink?: string;
    }
  | { kind: 'deliver'; runId: string; channel: string }
) & {
  /** The W3C trace context of the span that sent the job, so the worker's spans join its trace. */
  traceparent?: string;
};
