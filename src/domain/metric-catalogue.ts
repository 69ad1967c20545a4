/**
 * The metrics, one table for both environments: locally Prometheus names them
 * `openstack_reports_<name>` (`GET /metrics`), on AWS CloudWatch names them `<name>` in the
 * `OpenStackReports` namespace (embedded metric format), with the labels as dimensions. Labels are
 * few and bounded (report type, outcome, stage, channel, OpenStack service): never a run id, an
 * owner or a server name, which would make a series (and a CloudWatch metric) per value.
 */
export const metricCatalogue = {
  runs_requested_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['type', 'source'],
    help: 'Runs recorded, by report type and source (api: a request or run-now; schedule: a schedule fired).',
  },
  runs_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['type', 'outcome', 'failure_class'],
    help: 'Runs finished, by report type, outcome (succeeded, failed) and failure class (the error code; none when succeeded).',
  },
  stage_duration_seconds: {
    kind: 'histogram',
    unit: 'Seconds',
    labels: ['type', 'stage'],
    help: "Wall time of a run's stage (fetch, render, store, as in the run's stages) and of each delivery (deliver_email, deliver_webhook, deliver_swift).",
  },
  openstack_requests_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['service', 'method', 'status'],
    help: 'OpenStack requests on the wire (each try one), by service, method and status (the HTTP status, or timeout, network).',
  },
  openstack_retries_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['service'],
    help: 'OpenStack requests tried again after a 5xx, 429, timeout or broken connection.',
  },
  openstack_errors_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['service', 'status'],
    help: 'OpenStack requests that failed for good (after their retries), by service and status.',
  },
  rendered_pages_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['type'],
    help: 'PDF pages rendered.',
  },
  rendered_bytes_total: {
    kind: 'counter',
    unit: 'Bytes',
    labels: ['type', 'format'],
    help: 'Bytes of artifacts rendered and stored, by format.',
  },
  delivery_attempts_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['channel'],
    help: "Tries to deliver a run on a channel (a webhook sender's own retries included).",
  },
  delivery_failures_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['channel'],
    help: 'Deliveries that failed for good.',
  },
  queue_age_seconds: {
    kind: 'histogram',
    unit: 'Seconds',
    labels: ['kind'],
    help: 'Age of a job (run, scheduled, deliver) when the worker picks it up: from its send to this receive.',
  },
  schedule_fires_total: {
    kind: 'counter',
    unit: 'Count',
    labels: ['type'],
    help: 'Schedules that fired and recorded a run (a duplicate delivery of one fire counts once).',
  },
} as const satisfies Record<string, MetricDefinition>;

export interface MetricDefinition {
  kind: 'counter' | 'histogram';
  /** CloudWatch's unit; Prometheus carries it in the name (`_seconds`, `_bytes`, `_total`). */
  unit: 'Count' | 'Seconds' | 'Bytes';
  labels: readonly string[];
  help: string;
}

type Catalogue = typeof metricCatalogue;
export type MetricName = keyof Catalogue;
export type CounterName = { [K in MetricName]: Catalogue[K]['kind'] extends 'counter' ? K : never }[MetricName];
export type HistogramName = { [K in MetricName]: Catalogue[K]['kind'] extends 'histogram' ? K : never }[MetricName];
/** The labels of a metric, each one named: a missing or unknown label does not compile. */
export type MetricLabels<N extends MetricName> = { [L in Catalogue[N]['labels'][number]]: string };

/** Prometheus's name of a metric. */
export const prometheusName = (name: MetricName): string => `openstack_reports_${name}`;

/** CloudWatch's namespace of every metric. */
export const cloudWatchNamespace = 'OpenStackReports';

/** The stage label of a delivery's duration. */
export const deliveryStage = (channel: string): string => `deliver_${channel}`;

/** Histogram buckets (seconds): from a fast S3 write to a long render. */
export const durationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];
