import type { DeliveryLedger, Mailer, ObjectUploader, ReportEmailRenderer, WebhookSender } from './delivery/ports';
import type { IdempotencyStore } from './idempotency';
import type { ArtifactStore, Clock, InventorySource, JobQueue, Logger, Metrics, ReportBuilder, ReportRenderer, RetryDelay, RunStore, Tracer } from './ports';
import type { RunStatistics } from './run-statistics';
import type { BudgetAlertLedger } from './schedules/deliver-when';
import type { ScheduleStore, SchedulerPort } from './schedules/ports';

/**
 * Every port, by the name the use cases know it by. Each use case takes the `Pick` of these it
 * needs; each function's one dependency object (`ApiDeps`, `WorkerDeps`, `DeadLetterDeps`, the
 * local scheduler's) is such a `Pick` plus its settings, built by one function per environment in
 * `src/wiring/`.
 */
export interface Ports {
  runs: RunStore;
  artifacts: ArtifactStore;
  queue: JobQueue;
  /** The worker's: when the message it is processing comes back after a failure. */
  retryDelay: RetryDelay;
  clock: Clock;
  logger: Logger;
  newId: () => string;
  /** Opened on first use and kept: the API needs cloud credentials only for its health check. */
  inventory: () => Promise<InventorySource>;
  reportBuilder: ReportBuilder;
  reportRenderer: ReportRenderer;
  idempotency: IdempotencyStore;
  schedules: ScheduleStore;
  scheduler: SchedulerPort;
  ledger: DeliveryLedger;
  /** Budget alerts already sent, per schedule, period, group and threshold. */
  budgetAlerts: BudgetAlertLedger;
  /** `undefined` where no sender is configured: e-mail deliveries then fail with that reason. */
  mailer: Mailer | undefined;
  webhooks: WebhookSender;
  uploader: ObjectUploader;
  renderEmail: ReportEmailRenderer;
  /** Counters of runs, stage timings and deliveries per owner and day, updated as runs change state. */
  statistics: RunStatistics;
  /** Counters and histograms of `metricCatalogue`: Prometheus locally, CloudWatch EMF on AWS. */
  metrics: Metrics;
  /** Spans (OpenTelemetry); records nothing where tracing is off. */
  tracer: Tracer;
}

/** The telemetry ports, optional in each dependency object (tests and the CLI leave them out). */
export type Telemetry = Partial<Pick<Ports, 'metrics' | 'tracer'>>;
