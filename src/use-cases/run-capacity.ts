import { TooManyRunsError } from '../domain/errors';
import type { RunStore } from '../domain/ports';

/**
 * Refuses a new run when `owner` already has `limit` runs queued or running (`TooManyRunsError`, 429):
 * fairness between owners starts at the door. Counted in the run store, so every API instance
 * agrees; two requests at the same moment may both pass, so the bound is approximate by a few.
 * A limit of 0 or none means no limit.
 */
export async function assertRunCapacity(runs: Pick<RunStore, 'countActive'>, owner: string, limit: number | undefined): Promise<void> {
  if (!limit) return;
  if ((await runs.countActive(owner, limit)) >= limit) throw new TooManyRunsError(limit);
}
