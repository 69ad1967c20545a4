import type { Ports, Telemetry } from '../domain/deps';
import { ConflictError, errorCode, errorReference, isRetryable, publicErrorMessage, RetryLaterError } from '../domain/errors';
import type { Artifact, ReportRun, StageTiming } from '../domain/report-run';
import { retryDelaySeconds, type RetryBackoff } from '../domain/retry-backoff';
import { noMetrics, noTracer } from '../domain/telemetry';
import { countRunFinished, type CountDeps } from './statistics';

export type RunReportJobDeps = Pick<Ports, 'runs' | 'artifacts' | 'clock' | 'logger' | 'newId' | 'inventory' | 'reportBuilder' | 'reportRenderer'> &
  Telemetry &
  CountDeps & {
    /** Receives of one message before the queue dead-letters it; the wait before each retry. */
    settings: { maxReceiveCount: number; retryBackoff?: Partial<RetryBackoff> };
  };

export interface Attempt {
  /** How often the queue has delivered this message, this delivery included. */
  receiveCount: number;
}

/** Where a run's artifact lives in the store. */
export function artifactKey(run: Pick<ReportRun, 'id'>, extension: string): string {
  return `reports/${run.id}/report.${extension}`;
}

/** Where a run's JSON snapshot is kept when JSON was not among its formats (`/data` reads it). */
export function dataSnapshotKey(run: Pick<ReportRun, 'id'>): string {
  return `reports/${run.id}/data.json`;
}

/**
 * Runs one report: fetch → render → store → `succeeded`. A permanent error, or a transient one on
 * the last delivery the queue will make, marks the run `failed` with a reason; any other error is
 * rethrown as a `RetryLaterError` saying when the queue is to deliver the job again (the run shows
 * it as `nextAttemptAt`). Artifacts are written before the run says
 * `succeeded`, so a run never points at a half-written report.
 *
 * What the run says about an error: an `AppError`'s own message (written for users); for anything
 * else (a programming error, an error nobody classified) a neutral sentence with a reference, logged
 * with the full error under that reference. Such an error is not retried: it fails the run once.
 */
export async function runReportJob(deps: RunReportJobDeps, runId: string, attempt: Attempt): Promise<ReportRun | undefined> {
  const logger = deps.logger.with({ runId });
  const run = await deps.runs.get(runId);
  if (!run) {
    logger.warn('run not found; it was deleted before it ran');
    return undefined;
  }
  if (run.status === 'succeeded' || run.status === 'failed') {
    logger.info('run already finished; duplicate message ignored', { status: run.status });
    return run;
  }
  const started = deps.clock.now();
  await deps.runs.update(
    runId,
    {
      status: 'running',
      attempts: attempt.receiveCount,
      nextAttemptAt: undefined,
      startedAt: run.startedAt ?? started.toISOString(),
      updatedAt: started.toISOString(),
    },
    { status: ['queued', 'running'] },
  );
  logger.info('run started', { attempt: attempt.receiveCount, type: run.type });

  const metrics = deps.metrics ?? noMetrics;
  const tracer = deps.tracer ?? noTracer;
  const type = run.type;
  const stages: StageTiming[] = [];
  async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
    const t0 = deps.clock.now();
    const value = await tracer.span(name, { attributes: { 'openstack_reports.stage': name, 'openstack_reports.run.id': runId } }, work);
    const ms = deps.clock.now().getTime() - t0.getTime();
    stages.push({ name, startedAt: t0.toISOString(), ms });
    metrics.observe('stage_duration_seconds', { type, stage: name }, ms / 1000);
    return value;
  }

  try {
    const inventory = await deps.inventory();
    const data = await stage('fetch', () => deps.reportBuilder.build(inventory, run.spec, { runId, now: started, logger }));
    const rendered = await stage('render', () => deps.reportRenderer.render(data, run.spec));
    const { artifacts, dataKey } = await stage('store', async () => {
      const out: Artifact[] = [];
      for (const a of rendered) {
        const key = artifactKey(run, a.extension);
        await deps.artifacts.put(key, a.body, a.contentType);
        out.push({ format: a.format, key, bytes: a.body.byteLength, contentType: a.contentType });
      }
      // The JSON snapshot is kept for every run, so `/data` answers whatever formats were asked for.
      const json = out.find((a) => a.format === 'json');
      if (json) return { artifacts: out, dataKey: json.key };
      const [snapshot] = await deps.reportRenderer.render(data, { ...run.spec, formats: ['json'] });
      if (!snapshot) return { artifacts: out, dataKey: undefined };
      const key = dataSnapshotKey(run);
      await deps.artifacts.put(key, snapshot.body, snapshot.contentType);
      return { artifacts: out, dataKey: key };
    });
    const finished = deps.clock.now().toISOString();
    const done = await deps.runs.update(
      runId,
      {
        status: 'succeeded',
        artifacts,
        dataKey,
        stages,
        summary: deps.reportBuilder.summarize(data),
        finishedAt: finished,
        updatedAt: finished,
        error: undefined,
      },
      { status: 'running' },
    );
    for (const a of rendered) {
      metrics.count('rendered_bytes_total', { type: run.type, format: a.format }, a.body.byteLength);
      if (a.pages !== undefined) metrics.count('rendered_pages_total', { type: run.type }, a.pages);
    }
    logger.info('run succeeded', { stages, bytes: artifacts.reduce((n, a) => n + a.bytes, 0) });
    await countRunFinished(deps, done);
    return done;
  } catch (error) {
    const retryable = isRetryable(error);
    const last = attempt.receiveCount >= deps.settings.maxReceiveCount;
    // The detail stays in the logs, under the reference the run shows.
    const reference = errorReference(deps.newId);
    const now = deps.clock.now().toISOString();
    if (!retryable || last) {
      logger.error('run failed', { error, reference, attempt: attempt.receiveCount, retryable });
      const message = publicErrorMessage(error, reference, retryable ? attempt.receiveCount : undefined);
      try {
        // Conditional, as `succeeded` is: of two attempts racing on one run, one finishes it (and counts it).
        const failed = await deps.runs.update(
          runId,
          { status: 'failed', error: { code: errorCode(error), message }, stages, finishedAt: now, updatedAt: now },
          { status: 'running' },
        );
        await countRunFinished(deps, failed);
        return failed;
      } catch (conflict) {
        if (!(conflict instanceof ConflictError)) throw conflict;
        logger.warn('run changed meanwhile; this attempt leaves it as it is', { reference });
        return deps.runs.get(runId);
      }
    }
    const delaySeconds = retryDelaySeconds(attempt.receiveCount, deps.settings.retryBackoff);
    const nextAttemptAt = new Date(deps.clock.now().getTime() + delaySeconds * 1000).toISOString();
    logger.warn('attempt failed; the queue will retry', { error, reference, attempt: attempt.receiveCount, nextAttemptAt });
    await deps.runs.update(runId, {
      status: 'queued',
      nextAttemptAt,
      error: {
        code: errorCode(error),
        message: `Attempt ${attempt.receiveCount} of ${deps.settings.maxReceiveCount} failed; retrying at ${nextAttemptAt}: ${publicErrorMessage(error, reference)}`,
      },
      updatedAt: now,
    });
    throw new RetryLaterError(error, delaySeconds);
  }
}
