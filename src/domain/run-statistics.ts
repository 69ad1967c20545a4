/**
 * Run statistics kept as runs change state, never by scanning runs: each event adds to counters of
 * its owner's UTC day (and of every owner's), and `GET /v1/stats` reads at most 30 days of them.
 *
 * Counters are named `runs:created`, `runs:succeeded`, `runs:failed`, `fail:<code>`,
 * `type:<type>:n` and `type:<type>:b<i>` (histogram bucket i of durations), `stage:<name>:n` and
 * `stage:<name>:b<i>`, `delivery:<channel>:sent|failed`. Percentiles come from the fixed histogram
 * buckets below, linearly interpolated within the bucket the rank falls in.
 */
import { deliveryChannels, type DeliveryChannel } from './delivery/channels';
import type { ReportRun } from './report-run';
import { reportTypes, type ReportSpec } from './report-spec';

type ReportType = ReportSpec['type'];

/** Counter name → amount added. */
export type Counters = Record<string, number>;

/**
 * Where the counters live. `add` is atomic per stored item (DynamoDB `UpdateItem ADD`); callers add
 * each event once, on the conditional state change that made it (see `src/use-cases/statistics.ts`).
 */
export interface RunStatistics {
  /** Adds `counters` to `owner`'s totals of `day` (yyyy-mm-dd, UTC) and to every owner's. */
  add(owner: string, day: string, counters: Counters): Promise<void>;
  /** The totals of each of `days`, of one owner or of every owner (`owner` undefined), and the owners seen those days. */
  read(owner: string | undefined, days: string[]): Promise<{ days: Record<string, Counters>; owners: string[] }>;
  /** Runs queued and running now, of one owner or of every owner (`owner` undefined). */
  activeRuns(owner: string | undefined): Promise<{ queued: number; running: number }>;
}

/**
 * Upper bounds of the duration histogram's buckets, in milliseconds: bucket i holds durations in
 * (bound[i-1], bound[i]]; one more bucket holds everything above the last bound.
 */
export const durationBucketBounds = [50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000] as const;

/** The bucket a duration falls in (0 … bounds.length, the last one open-ended). */
export function durationBucket(ms: number): number {
  const i = durationBucketBounds.findIndex((bound) => ms <= bound);
  return i === -1 ? durationBucketBounds.length : i;
}

/**
 * The `q` quantile (0 < q ≤ 1) of a histogram: the bucket where the rank `q × count` falls, and a
 * linear interpolation inside it. A rank in the open-ended bucket reads as its lower bound.
 */
export function histogramQuantile(buckets: number[], q: number): number {
  const count = buckets.reduce((a, b) => a + b, 0);
  if (count === 0) return 0;
  const rank = q * count;
  let below = 0;
  for (let i = 0; i < buckets.length; i++) {
    const n = buckets[i] ?? 0;
    if (n > 0 && below + n >= rank) {
      const lower = i === 0 ? 0 : durationBucketBounds[i - 1];
      const upper = durationBucketBounds[i];
      if (upper === undefined) return lower;
      return Math.round(lower + ((upper - lower) * (rank - below)) / n);
    }
    below += n;
  }
  return durationBucketBounds[durationBucketBounds.length - 1];
}

/** Stage names and failure codes become parts of counter names: only tame ones do. */
const tameName = /^[a-z][a-z0-9_-]{0,63}$/;

/** The UTC day of an ISO instant. */
export function utcDay(instant: string | Date): string {
  return (typeof instant === 'string' ? new Date(instant) : instant).toISOString().slice(0, 10);
}

/** The counters a newly recorded run adds. */
export function createdCounters(): Counters {
  return { 'runs:created': 1 };
}

/**
 * The counters a run that has just finished adds: its outcome, the reason of a failure, the time of
 * the attempt that finished by report type (succeeded runs) and each stage's time.
 */
export function finishedCounters(run: Pick<ReportRun, 'status' | 'type' | 'stages' | 'error'>): Counters {
  const out: Counters = {};
  const add = (name: string) => (out[name] = (out[name] ?? 0) + 1);
  if (run.status === 'succeeded') {
    add('runs:succeeded');
    const ms = run.stages.reduce((sum, s) => sum + Math.max(0, s.ms), 0);
    add(`type:${run.type}:n`);
    add(`type:${run.type}:b${durationBucket(ms)}`);
  } else if (run.status === 'failed') {
    add('runs:failed');
    const code = run.error?.code;
    add(`fail:${code && tameName.test(code) ? code : 'internal_error'}`);
  } else {
    return out;
  }
  for (const s of run.stages) {
    if (!tameName.test(s.name)) continue;
    add(`stage:${s.name}:n`);
    add(`stage:${s.name}:b${durationBucket(Math.max(0, s.ms))}`);
  }
  return out;
}

/** The counters a settled delivery adds. */
export function deliveryCounters(channel: DeliveryChannel, outcome: 'sent' | 'failed'): Counters {
  return { [`delivery:${channel}:${outcome}`]: 1 };
}

/** What a failure code means, the same for every run: the message of a run may carry a tenant's data, this never does. */
export function failureCodeMessage(code: string): string {
  const http = /^openstack_http_(\d{3})$/.exec(code);
  if (http) {
    const status = Number(http[1]);
    if (status === 401) return 'An OpenStack API refused the request (401): the cloud credentials may be wrong or expired.';
    if (status === 403) return 'An OpenStack API refused the request (403): the cloud account lacks a permission.';
    if (status === 404) return 'An OpenStack API answered 404: a project or resource named in the report does not exist.';
    if (status >= 500) return `An OpenStack API failed (${status}) on every attempt.`;
    return `An OpenStack API refused the request (${status}).`;
  }
  const known: Record<string, string> = {
    internal_error: 'An internal error; the run names a reference to find it in the logs.',
    temporarily_unavailable: 'A temporary error (storage, network or the PDF renderer) lasted through every attempt.',
    worker_crashed: 'The report worker crashed or timed out on every attempt.',
    queue_unavailable: 'The job queue did not accept the report.',
    project_not_found: 'A project named in the report does not exist in the cloud.',
    validation_failed: 'The report’s spec was refused.',
    openstack_network_error: 'The cloud could not be reached (network or TLS).',
    openstack_timeout: 'The cloud did not answer in time.',
    openstack_config_invalid: 'The cloud configuration is not valid.',
    openstack_endpoint_not_found: 'The cloud’s service catalog lacks a service the report needs.',
    openstack_invalid_response: 'An OpenStack API answered with something it should not have.',
    invalid_period: 'The report’s period was refused.',
    invalid_price_list: 'The price list was refused.',
    price_list_required: 'A cost report had no price list.',
  };
  return known[code] ?? `Runs failed with the code ${code}; each failed run says more.`;
}

/** Most failure reasons a statistics answer lists. */
export const maxFailureReasons = 10;

/** What `GET /v1/stats` answers (see `statsSchema` in the API's response schemas). */
export interface RunStatisticsView {
  days: 7 | 30;
  from: string;
  to: string;
  scope: 'own' | 'owner' | 'all';
  owner?: string;
  runs: { total: number; succeeded: number; failed: number; queued: number; running: number; successRate: number | null };
  perDay: { date: string; succeeded: number; failed: number }[];
  durations: {
    byType: { type: ReportType; count: number; p50Ms: number; p95Ms: number }[];
    byStage: { stage: string; count: number; p50Ms: number; p95Ms: number }[];
  };
  deliveries: { channel: DeliveryChannel; sent: number; failed: number }[];
  failureReasons: { code: string; message: string; count: number }[];
}

/** The UTC days of a window of `days` days ending with the day of `now`, oldest first. */
export function windowDays(now: Date, days: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

function percentiles(totals: Counters, prefix: string): { count: number; p50Ms: number; p95Ms: number } | undefined {
  const count = totals[`${prefix}:n`] ?? 0;
  if (count <= 0) return undefined;
  const buckets = Array.from({ length: durationBucketBounds.length + 1 }, (_, i) => totals[`${prefix}:b${i}`] ?? 0);
  return { count, p50Ms: histogramQuantile(buckets, 0.5), p95Ms: histogramQuantile(buckets, 0.95) };
}

/** The statistics of a window from its daily counters and the runs active now. */
export function summarizeStatistics(input: {
  days: string[];
  daily: Record<string, Counters>;
  active: { queued: number; running: number };
  scope: RunStatisticsView['scope'];
  owner?: string;
}): RunStatisticsView {
  const totals: Counters = {};
  for (const day of input.days) for (const [name, n] of Object.entries(input.daily[day] ?? {})) totals[name] = (totals[name] ?? 0) + n;
  const succeeded = totals['runs:succeeded'] ?? 0;
  const failed = totals['runs:failed'] ?? 0;
  const stageNames = [...new Set(Object.keys(totals).flatMap((k) => /^stage:([^:]+):n$/.exec(k)?.slice(1) ?? []))];
  const stageOrder = ['fetch', 'render', 'store', 'deliver'];
  stageNames.sort((a, b) => (stageOrder.indexOf(a) + 1 || 99) - (stageOrder.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return {
    days: input.days.length === 30 ? 30 : 7,
    from: input.days[0] ?? '',
    to: input.days[input.days.length - 1] ?? '',
    scope: input.scope,
    ...(input.owner !== undefined ? { owner: input.owner } : {}),
    runs: {
      total: totals['runs:created'] ?? 0,
      succeeded,
      failed,
      queued: input.active.queued,
      running: input.active.running,
      successRate: succeeded + failed === 0 ? null : Math.round((succeeded / (succeeded + failed)) * 10_000) / 10_000,
    },
    perDay: input.days.map((date) => ({ date, succeeded: input.daily[date]?.['runs:succeeded'] ?? 0, failed: input.daily[date]?.['runs:failed'] ?? 0 })),
    durations: {
      byType: reportTypes.flatMap((type) => {
        const p = percentiles(totals, `type:${type}`);
        return p ? [{ type, ...p }] : [];
      }),
      byStage: stageNames.flatMap((stage) => {
        const p = percentiles(totals, `stage:${stage}`);
        return p ? [{ stage, ...p }] : [];
      }),
    },
    deliveries: deliveryChannels.flatMap((channel) => {
      const sent = totals[`delivery:${channel}:sent`] ?? 0;
      const failedDeliveries = totals[`delivery:${channel}:failed`] ?? 0;
      return sent + failedDeliveries > 0 ? [{ channel, sent, failed: failedDeliveries }] : [];
    }),
    failureReasons: Object.entries(totals)
      .flatMap(([name, count]) => (name.startsWith('fail:') && count > 0 ? [{ code: name.slice(5), count }] : []))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
      .slice(0, maxFailureReasons)
      .map((r) => ({ code: r.code, message: failureCodeMessage(r.code), count: r.count })),
  };
}
