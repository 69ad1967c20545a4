import type { ScheduleRunRef } from './schedule';

/** `runs` with `run` first, replacing an older entry for the same run id, at most `limit` long. */
export function withRun(runs: ScheduleRunRef[] | undefined, run: ScheduleRunRef, limit: number): ScheduleRunRef[] {
  return [run, ...(runs ?? []).filter((r) => r.runId !== run.runId)].slice(0, limit);
}
