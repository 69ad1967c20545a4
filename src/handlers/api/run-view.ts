import type { ReportRun } from '../../domain/report-run';

/** The public view of a run: what `GET /v1/reports/{id}` returns. Presigned URLs are added by the route. */
export function runView(run: ReportRun, baseUrl: string, downloadUrls?: Record<string, string>) {
  const self = `${baseUrl}/v1/reports/${run.id}`;
  return {
    id: run.id,
    type: run.type,
    status: run.status,
    owner: run.owner,
    scheduleId: run.scheduleId,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    attempts: run.attempts,
    nextAttemptAt: run.nextAttemptAt,
    error: run.error,
    stages: run.stages,
    summary: run.summary,
    deliveries: run.deliveries,
    deliveryGate: run.deliveryGate,
    spec: run.spec,
    artifacts: run.artifacts.map((a) => ({
      format: a.format,
      bytes: a.bytes,
      contentType: a.contentType,
      download: `${self}/download?format=${a.format}`,
      url: downloadUrls?.[a.format],
    })),
    links: {
      self,
      ...(run.status === 'succeeded'
        ? { download: `${self}/download`, data: run.dataKey || run.artifacts.some((a) => a.format === 'json') ? `${self}/data` : undefined }
        : {}),
    },
  };
}
