import type { ArtifactStore } from '../../domain/ports';
import type { ReportRun } from '../../domain/report-run';
import { DeliveryError } from '../../domain/delivery/errors';
import { artifactFilename, reportLinks, reportTitle } from './links';
import type { EmailMessage, ReportEmailRenderer } from '../../domain/delivery/ports';

/**
 * The e-mail for a finished run: the PDF attached when it is at most `attachmentMaxBytes`, links for
 * everything else; a failed run's reason instead of attachments.
 */
export async function composeReportEmail(
  artifacts: Pick<ArtifactStore, 'get' | 'presignGet'>,
  run: ReportRun,
  recipients: string[],
  options: { attachmentMaxBytes: number; linkTtlSeconds: number; publicBaseUrl?: string; renderEmail: ReportEmailRenderer },
): Promise<EmailMessage> {
  const succeeded = run.status === 'succeeded';
  const pdf = succeeded ? run.artifacts.find((a) => a.format === 'pdf' && a.bytes <= options.attachmentMaxBytes) : undefined;
  const attachments: EmailMessage['attachments'] = [];
  if (pdf) {
    const content = await artifacts.get(pdf.key);
    if (!content) {
      throw new DeliveryError('artifact_missing', `The PDF of run ${run.id} is no longer stored (${pdf.key}).`, { retryable: false });
    }
    attachments.push({ filename: artifactFilename(run, pdf), contentType: 'application/pdf', content });
  }
  const linked = succeeded ? run.artifacts.filter((a) => a !== pdf) : [];
  const links = await reportLinks(artifacts, run, linked, {
    ttlSeconds: options.linkTtlSeconds,
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
  });
  const summary = run.summary ?? {};
  // The period as the report resolved it (the summary's instants), in the spec's time zone.
  const { periodStart, periodEnd, currency } = summary;
  const period = typeof periodStart === 'string' && typeof periodEnd === 'string' ? { start: periodStart, end: periodEnd } : undefined;
  const amountsIn = typeof currency === 'string' && currency ? currency : (run.spec.priceList?.currency ?? run.spec.currency);
  // A budget alert says which thresholds it is sent for (not those another run alerted already).
  const alerts = (run.deliveryGate?.decision === 'deliver' ? run.deliveryGate.crossings : [])
    .filter((c) => !c.alreadySentBy)
    .map(({ label, threshold, basis, percent }) => ({ label, threshold, basis, percent }));
  const rendered = options.renderEmail({
    locale: run.spec.locale,
    status: succeeded ? 'succeeded' : 'failed',
    type: run.type,
    title: reportTitle(run),
    runId: run.id,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    timezone: run.spec.period?.timezone ?? 'UTC',
    ...(period ? { period: { ...period, ...(run.spec.period?.preset ? { preset: run.spec.period.preset } : {}) } } : {}),
    ...(amountsIn ? { currency: amountsIn } : {}),
    summary,
    ...(alerts.length ? { budgetAlerts: alerts } : {}),
    links: Object.entries(links).map(([key, url]) => ({ label: key === 'run' ? 'API' : key.toUpperCase(), url })),
    ...(attachments[0] ? { attachment: attachments[0].filename } : {}),
    ...(succeeded || !run.error ? {} : { error: run.error.message, errorCode: run.error.code }),
  });
  return { to: recipients, ...rendered, attachments };
}
