/**
 * Counting runs as they change state. Each function is called once per event, right after the
 * conditional write that made it (a run recorded, a run's `running → succeeded|failed`, a delivery's
 * claim settled), so a duplicate queue message, whose write is refused, counts nothing. Counting
 * never fails the work it counts: a counter that could not be written is logged and lost.
 */
import type { Ports } from '../domain/deps';
import type { DeliveryChannel } from '../domain/delivery/channels';
import type { ReportRun } from '../domain/report-run';
import { createdCounters, deliveryCounters, finishedCounters, utcDay, type Counters } from '../domain/run-statistics';

/** What counting needs; without `statistics` (tests of other things) nothing is counted. */
export type CountDeps = Partial<Pick<Ports, 'statistics'>> & Pick<Ports, 'logger'>;

async function count(deps: CountDeps, run: Pick<ReportRun, 'id' | 'owner'>, at: string, counters: Counters): Promise<void> {
  if (!deps.statistics) return;
  try {
    await deps.statistics.add(run.owner, utcDay(at), counters);
  } catch (error) {
    deps.logger.with({ runId: run.id }).warn('run statistics not updated', { error, counters: Object.keys(counters) });
  }
}

/** A run was recorded `queued`. */
export function countRunCreated(deps: CountDeps, run: Pick<ReportRun, 'id' | 'owner' | 'createdAt'>): Promise<void> {
  return count(deps, run, run.createdAt, createdCounters());
}

/** A run has just become `succeeded` or `failed`. */
export function countRunFinished(deps: CountDeps, run: ReportRun): Promise<void> {
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
  return count(deps, run, at, deliveryCounters(channel, outcome));
}
