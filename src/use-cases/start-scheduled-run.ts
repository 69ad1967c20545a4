import type { Ports } from '../domain/deps';
import { ConflictError } from '../domain/errors';
import type { ReportJob, ReportRun } from '../domain/report-run';
import { scheduledRunId } from '../domain/scheduled-run-id';
import { countRunCreated, type CountDeps } from './statistics';

/** Records the run of one schedule firing (once, whatever the number of deliveries) and returns its id. */
export async function startScheduledRun(
  deps: Pick<Ports, 'runs' | 'clock' | 'logger'> & CountDeps,
  job: Extract<ReportJob, { kind: 'scheduled' }>,
): Promise<string> {
  const id = scheduledRunId(job.scheduleId, job.scheduledTime);
  const now = deps.clock.now().toISOString();
  const run: ReportRun = {
    id,
    owner: job.owner,
    type: job.spec.type,
    status: 'queued',
    spec: job.spec,
    delivery: job.delivery,
    ...(job.deliverWhen ? { deliverWhen: job.deliverWhen } : {}),
    scheduleId: job.scheduleId,
    createdAt: now,
    updatedAt: now,
    attempts: 0,
    artifacts: [],
    stages: [],
  };
  try {
    await deps.runs.create(run);
    await countRunCreated(deps, run, 'schedule');
    deps.logger.with({ runId: id }).info('scheduled run recorded', { scheduleId: job.scheduleId, scheduledTime: job.scheduledTime });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
  }
  return id;
}
