import type { Ports } from '../domain/deps';
import { summarizeStatistics, windowDays, type RunStatisticsView } from '../domain/run-statistics';

/** Whose statistics: one owner's (`own` for the caller's, `owner` for one an admin named), or every owner's. */
export type StatisticsScope = { scope: 'own' | 'owner'; owner: string } | { scope: 'all' };

/**
 * The statistics of the last `days` UTC days (today included) from the counters kept per day: one
 * read of at most 30 items, whatever the number of runs, plus the runs queued and running now.
 */
export async function getRunStatistics(deps: Pick<Ports, 'statistics' | 'clock'>, input: { days: 7 | 30; who: StatisticsScope }): Promise<RunStatisticsView> {
  const days = windowDays(deps.clock.now(), input.days);
  const owner = input.who.scope === 'all' ? undefined : input.who.owner;
  const [read, active] = await Promise.all([deps.statistics.read(owner, days), deps.statistics.activeRuns(owner)]);
  return summarizeStatistics({ days, daily: read.days, active, scope: input.who.scope, ...(owner !== undefined ? { owner } : {}) });
}
