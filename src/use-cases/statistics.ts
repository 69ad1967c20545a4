/**
 * The one observer of a run's state changes: each event updates both the run statistics (counters
 * per owner and day, `GET /v1/stats`) and the metrics (`metricCatalogue`), so no call site can count
 * one and forget the other. Each function is called once per event, right after the conditional
 * write that made it (a run recorded, a run's `running → succeeded|failed`, a delivery's claim
 * settled), so a duplicate queue message, whose write is refused, counts nothing. Counting never
 * fails the work it counts: a counter that could not be written is logged and lost.
 */
import type { Ports } from '../domain/deps';
import type { DeliveryChannel } from '../domain/delivery/channels';
import type { ReportRun } from '../domain/report-run';
import { createdCounters, deliveryCounters, finishedCounters, utcDay, type Counters } from '../domain/run-statistics';

/** What counting needs; without `statistics` or `metrics` (tests of other things) that one counts nothing. */
export type CountDeps = Partial<Pick<Ports, 'statistics' | 'metrics'>> & Pick<Ports, 'logger'>;

async function count(deps: CountDeps, run: Pick<ReportRun, 'id' | 'owner'>, at: string, counters: Counters): Promise<void> {
  if (!deps.statistics) return;
  try {
    await deps.statistics.add(run.owner, utcDay(at), counters);
  } catch (error) {
    deps.logger.with({ runId: run.id }).warn('run statistics not updated', { error, counters: Object.keys(counters) });
  }
}

/** A run was recorded `queued`: by the API (a request or run-now) or by a schedule that fired. */
export function countRunCreated(deps: CountDeps, run: Pick<ReportRun, 'id' | 'owner' | 'type' | 'createdAt'>, source: 'api' | 'schedule'): Promise<void> {
  if (source === 'schedule') deps.metrics?.count('schedule_fires_total', { type: run.type });
  deps.metrics?.count('runs_requested_total', { type: run.type, source });
  return count(deps, run, run.createdAt, createdCounters());
}

/** A run has just become `succeeded` or `failed`. */
export function countRunFinished(deps: CountDeps, run: ReportRun): Promise<void> {
  if (run.status === 'succeeded' || run.status === 'failed') {
    deps.metrics?.count('runs_total', {
      type: run.type,
      outcome: run.status,
      failure_class: run.status === 'failed' ? (run.error?.code ?? 'internal_error') : 'none',
    });
  }
  return count(deps, run, run.finishedAt ?? run.updatedAt, finishedCounters(run));
}

/** A delivery has just settled, `sent` or `failed` for good. */
export function countDeliverySettled(
  deps: CountDeps,
  run: Pick<ReportRun, 'id' | 'owner'>,
  channel: DeliveryChannel,
  outcome: 'sent' | 'failed',
  at: string,
): Promise<void> {
  if (outcome === 'failed') deps.metrics?.count('delivery_failures_total', { channel });
  return count(deps, run, at, deliveryCounters(channel, outcome));
}
