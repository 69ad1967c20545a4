/**
 * The metric vocabulary shared by the code that emits metrics (CloudWatch embedded metric format on AWS,
 * Prometheus locally) and the stack's dashboard and alarms, so a renamed metric cannot silently empty a
 * graph. Dimensions stay low-cardinality: never a run id, an owner or a server name.
 */
export const metricNamespace = 'OpenStackReports';

/** Metric names, the same on AWS and locally. */
export const metricNames = {
  runsRequested: 'RunsRequested',
  runsSucceeded: 'RunsSucceeded',
  runsFailed: 'RunsFailed',
  /** Milliseconds, by `Stage` (fetch, build, render, store, deliver-<channel>). */
  stageDuration: 'StageDuration',
  openStackRequests: 'OpenStackRequests',
  openStackRetries: 'OpenStackRetries',
  /** OpenStack answers and failures that were not a success, by `Service`. */
  openStackErrors: 'OpenStackErrors',
  pagesRendered: 'PagesRendered',
  bytesRendered: 'BytesRendered',
  deliveryAttempts: 'DeliveryAttempts',
  deliveryFailures: 'DeliveryFailures',
  /** Milliseconds a job waited in the queue before the worker picked it up. */
  jobQueueAge: 'JobQueueAge',
  scheduleFires: 'ScheduleFires',
} as const;

/** Dimension names of the metrics above. */
export const metricDimensions = {
  reportType: 'ReportType',
  stage: 'Stage',
  channel: 'Channel',
  failureClass: 'FailureClass',
  /** The OpenStack service (compute, identity, …), not the function. */
  service: 'Service',
} as const;
