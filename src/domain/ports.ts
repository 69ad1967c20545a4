/**
 * Ports: what the use cases need from the outside world. Adapters (named technology + port, e.g.
 * `S3ArtifactStore`) implement them; `src/wiring/*` builds each function's dependencies per environment.
 */
import type { FloatingIp, Image, Period, Project, ProjectQuota, ProjectScope, ProjectUsage, Server, Snapshot, Volume, Port } from './cloud';
import type { ArtifactFormat, ReportJob, ReportRun, RunStatus } from './report-run';
import type { ReportSpec } from './report-spec';
import type { CounterName, HistogramName, MetricLabels } from './metric-catalogue';

/** Reads a cloud. Every list is complete or the call throws: nothing is dropped silently. */
export interface InventorySource {
  /** Projects visible to the credentials (all projects for an admin). */
  listProjects(): Promise<Project[]>;
  listServers(scope: ProjectScope): Promise<Server[]>;
  listVolumes(scope: ProjectScope): Promise<Volume[]>;
  listSnapshots(scope: ProjectScope): Promise<Snapshot[]>;
  listFloatingIps(scope: ProjectScope): Promise<FloatingIp[]>;
  listPorts(scope: ProjectScope): Promise<Port[]>;
  /** Images by id, for names; ids that are gone are simply absent. */
  listImages(): Promise<Image[]>;
  getUsage(scope: ProjectScope, period: Period): Promise<ProjectUsage[]>;
  getQuotas(projectIds: string[]): Promise<ProjectQuota[]>;
  /** Authenticates (or reuses a valid token); used by health checks. */
  checkAuth(): Promise<void>;
}

export interface ListRunsQuery {
  owner?: string;
  status?: RunStatus;
  type?: string;
  /** Only the runs this schedule started (its run history). */
  scheduleId?: string;
  createdFrom?: string;
  createdTo?: string;
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Run records. `update` is conditional when `expect` is given and throws `ConflictError` otherwise. */
export interface RunStore {
  create(run: ReportRun): Promise<void>;
  get(id: string): Promise<ReportRun | undefined>;
  update(id: string, patch: Partial<ReportRun>, expect?: { status?: RunStatus | RunStatus[] }): Promise<ReportRun>;
  /** Newest first. Without `owner`, all owners (admin). */
  list(query: ListRunsQuery): Promise<Page<ReportRun>>;
  /** The runs of `owner` that are `queued` or `running`, counted up to `limit`: it stops there, so it stays cheap. */
  countActive(owner: string, limit: number): Promise<number>;
  delete(id: string): Promise<void>;
}

/** Report artifacts (PDF, CSV, JSON, HTML, XLSX). */
export interface ArtifactStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  /** A time-limited download URL; `filename` sets Content-Disposition. */
  presignGet(key: string, expiresInSeconds: number, filename?: string): Promise<string>;
  delete(keys: string[]): Promise<void>;
  /** Cheap reachability probe for health checks. */
  ping(): Promise<void>;
}

/**
 * Sets when the message being processed is delivered again: the retry backoff (SQS
 * ChangeMessageVisibility on the receipt handle of the message's current receive).
 */
export interface RetryDelay {
  /** The message becomes visible again `seconds` from now (0: at once). */
  delay(receiptHandle: string, seconds: number): Promise<void>;
}

/** Options of one message. */
export interface SendOptions {
  /**
   * The tenant the job belongs to (its owner). SQS fair queues (a standard queue whose messages carry
   * a `MessageGroupId`) and the local queue serve tenants in turn, so one owner's backlog does not
   * delay the others' jobs.
   */
  group?: string;
}

/** The job queue (SQS on AWS). */
export interface JobQueue {
  send(job: ReportJob, options?: SendOptions): Promise<void>;
  ping(): Promise<void>;
}

export interface PdfOptions {
  /** Header and footer HTML as Chromium understands it (`pageNumber`, `totalPages` classes). */
  headerTemplate?: string;
  footerTemplate?: string;
  landscape?: boolean;
  /** Tagged (accessible) PDF: much larger and slower, so off unless asked for. */
  tagged?: boolean;
  format?: 'A4' | 'Letter';
}

/** HTML in, PDF out. Knows nothing of reports. Runs no page JavaScript and fetches nothing. */
export interface PdfRenderer {
  render(html: string, options?: PdfOptions): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** Structured logger: every line is one JSON object. */
export interface Logger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
  /** A logger that adds these keys to every line (e.g. `runId`). */
  with(keys: Record<string, unknown>): Logger;
  /**
   * Runs `fn` with these keys on every line logged while it runs, across awaits and by any logger of
   * the family (the request id of an API request, the run id of a job), and returns what it returns.
   * Optional: a logger without it (a test's stand-in) logs the lines without those keys.
   */
  within?<T>(keys: Record<string, unknown>, fn: () => T): T;
}

/** One rendered output of a report. */
export interface RenderedReport {
  format: ArtifactFormat;
  body: Uint8Array;
  contentType: string;
  extension: string;
  /** PDF only: its page count. */
  pages?: number;
}

/** Progress of a long stage (`fetch`, `render`): `done` of `total` steps. */
export type ProgressListener = (stage: string, done: number, total: number) => void;

export interface ReportBuildContext {
  runId: string;
  now: Date;
  logger: Logger;
  onProgress?: ProgressListener;
}

/**
 * The report engine: reads a cloud and builds a report's data snapshot. `D` is the snapshot's type,
 * which the use cases never look into: they hand it from the builder to the renderer.
 */
export interface ReportBuilder<D = unknown> {
  build(inventory: InventorySource, spec: ReportSpec, context: ReportBuildContext): Promise<D>;
  /** Key figures for e-mails, webhooks and the API. */
  summarize(data: D): Record<string, string | number>;
}

/** The presentation: a snapshot in, the formats the spec asks for out, in the spec's order. */
export interface ReportRenderer<D = unknown> {
  render(data: D, spec: ReportSpec, options?: { onProgress?: ProgressListener }): Promise<RenderedReport[]>;
}

/**
 * Counters and histograms of `metricCatalogue` (names, units and labels fixed there): Prometheus
 * locally, CloudWatch embedded metric format on AWS. Recording never throws and never waits.
 */
export interface Metrics {
  count<N extends CounterName>(name: N, labels: MetricLabels<N>, value?: number): void;
  observe<N extends HistogramName>(name: N, labels: MetricLabels<N>, value: number): void;
  /** Writes what was recorded since the last flush (on AWS: at the end of each invocation). */
  flush(): Promise<void>;
}

export type SpanAttributes = Record<string, string | number | boolean | undefined>;

/** The span a traced piece of work runs in. */
export interface SpanHandle {
  setAttributes(attributes: SpanAttributes): void;
  /** A name known only once the work ran (an HTTP server span's route). */
  setName(name: string): void;
}

export interface SpanOptions {
  kind?: 'internal' | 'server' | 'client' | 'producer' | 'consumer';
  attributes?: SpanAttributes;
  /**
   * A W3C `traceparent` from a message: the span continues that trace instead of the current one.
   * A `consumer` span without one starts a trace of its own.
   */
  parent?: string;
  /** W3C `traceparent`s of spans this one relates to without being their child. */
  links?: string[];
}

/**
 * Spans around work, in OpenTelemetry's vocabulary (names and attributes by its semantic
 * conventions) without its types: one trace per report, from the API request through the queue to
 * each delivery. Nothing is recorded where tracing is off.
 */
export interface Tracer {
  /** Runs `work` in a child span of the current one; the span ends when it settles, as an error if it throws. */
  span<T>(name: string, options: SpanOptions, work: (span: SpanHandle) => Promise<T>): Promise<T>;
  /** The current span as a W3C `traceparent`, for a message leaving the process; undefined when nothing is traced. */
  traceparent(): string | undefined;
  /** Sends the spans that ended (at the end of a Lambda invocation, before the function freezes). */
  flush(): Promise<void>;
}
