import type { ReportRun } from '../report-run';

/** The JSON body of a report webhook (see README.md). */
export interface WebhookPayload {
  runId: string;
  status: 'succeeded' | 'failed';
  type: ReportRun['type'];
  /** `run` (the API resource, when a public URL is configured) and one presigned URL per format. */
  links: Record<string, string>;
  summary: Record<string, string | number>;
  scheduleId?: string;
  finishedAt?: string;
  /** Only for failed runs. */
  error?: { code: string; message: string };
}

/** The payload for a finished run; `links` come from `reportLinks`. */
export function webhookPayload(run: ReportRun, links: Record<string, string>): WebhookPayload {
  return {
    runId: run.id,
    status: run.status === 'succeeded' ? 'succeeded' : 'failed',
    type: run.type,
    links,
    summary: run.summary ?? {},
    ...(run.scheduleId ? { scheduleId: run.scheduleId } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    ...(run.status !== 'succeeded' ? { error: run.error ?? { code: 'unknown', message: 'The run failed.' } } : {}),
  };
}
