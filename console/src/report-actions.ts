import { asProblem, type Api, type CreateReportBody, type Problem, type ReportRun } from './api/client';

/**
 * A run's spec as a request body. The document describes the stored spec's period as any value (it
 * is the output of a transform); it is the period the request gave, with the default filled in.
 */
export function specBody(spec: ReportRun['spec']): CreateReportBody {
  return spec as CreateReportBody;
}

/**
 * Downloads one format: the run is read again for a fresh presigned URL (the list carries none),
 * and the browser follows it; the store answers as an attachment, so the page stays.
 */
export async function downloadArtifact(api: Api, id: string, format: string): Promise<void> {
  const { data } = await api.GET('/v1/reports/{id}', { params: { path: { id } } });
  const url = data?.artifacts.find((a) => a.format === format)?.url;
  if (url) location.assign(url);
}

/** "Run again": a new run of the same spec (its delivery is not part of the run's record). */
export async function runAgain(api: Api, run: ReportRun): Promise<{ ok: true; id: string } | { ok: false; problem: Problem }> {
  const { data, error, response } = await api.POST('/v1/reports', { body: specBody(run.spec) });
  return data ? { ok: true, id: data.id } : { ok: false, problem: asProblem(error, response) };
}

/** The period a run covers, in words a person reads. */
export function periodLabel(run: ReportRun, presets: Record<string, string>): string {
  if (run.type === 'inventory') return '—';
  const p = specBody(run.spec).period;
  if (!p) return presets['last-month'] ?? 'last-month';
  if (p.preset) return presets[p.preset] ?? p.preset;
  return `${p.start ?? ''} → ${p.end ?? ''}${p.timezone ? ` (${p.timezone})` : ''}`;
}
