import { createReportBodySchema } from '../domain/report-spec';
import type { Ports } from '../domain/deps';
import type { PriceList } from '../domain/price-list';
import { AppError, ValidationError } from '../domain/errors';
import type { ReportRun } from '../domain/report-run';
import { parseOrThrow } from '../domain/validate';
import { assertRunCapacity } from './run-capacity';
import { countRunCreated, countRunFinished, type CountDeps } from './statistics';

export type RequestReportDeps = Pick<Ports, 'runs' | 'queue' | 'clock' | 'newId' | 'logger'> &
  CountDeps & {
    /** The price list cost reports use when their spec has none; runs one owner may have queued or running (0 or none: no limit). */
    settings: { defaultPriceList?: PriceList; maxActiveRunsPerOwner?: number };
  };

export interface RequestReportInput {
  owner: string;
  body: unknown;
}

/** Validates a report request, records the run as `queued` and enqueues it. */
export async function requestReport(deps: RequestReportDeps, input: RequestReportInput): Promise<ReportRun> {
  const { delivery, ...spec } = parseOrThrow(createReportBodySchema, input.body);
  if (spec.type === 'cost' && !spec.priceList && !deps.settings.defaultPriceList) {
    throw new ValidationError([{ path: 'priceList', message: 'a cost report needs a price list: none is configured, so give one here' }]);
  }
  await assertRunCapacity(deps.runs, input.owner, deps.settings.maxActiveRunsPerOwner);
  const now = deps.clock.now().toISOString();
  const run: ReportRun = {
    id: deps.newId(),
    owner: input.owner,
    type: spec.type,
    status: 'queued',
    spec,
    delivery,
    createdAt: now,
    updatedAt: now,
    attempts: 0,
    artifacts: [],
    stages: [],
  };
  await deps.runs.create(run);
  await countRunCreated(deps, run, 'api');
  try {
    await deps.queue.send({ kind: 'run', runId: run.id }, { group: run.owner });
  } catch (error) {
    // The run would otherwise sit in `queued` forever: fail it visibly and let the caller retry.
    deps.logger.with({ runId: run.id }).error('enqueue failed', { error });
    const now = deps.clock.now().toISOString();
    const failed = await deps.runs.update(run.id, {
      status: 'failed',
      error: { code: 'queue_unavailable', message: 'The job queue did not accept the report; request it again.' },
      finishedAt: now,
      updatedAt: now,
    });
    await countRunFinished(deps, failed);
    throw new AppError('queue_unavailable', 'The job queue is unavailable; try again shortly.', { cause: error, retryable: true });
  }
  deps.logger.with({ runId: run.id }).info('report requested', { type: run.type, owner: run.owner });
  return run;
}
