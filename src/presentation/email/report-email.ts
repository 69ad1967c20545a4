/**
 * The e-mail sent when a run finishes: a pure function of typed data, with sample data beside it so
 * it can be previewed and tested without a cloud. Every tenant-provided string (title, summary keys
 * and values, error message, file names) is escaped in the HTML.
 */
import type { EmailLocale, RenderedEmail, ReportEmailData } from '../../domain/delivery/ports';
import { escapeHtml } from './html';

export type { RenderedEmail, ReportEmailData } from '../../domain/delivery/ports';

const strings = {
  en: {
    subjectOk: (t: string) => `Report ready: ${t}`,
    subjectFailed: (t: string) => `Report failed: ${t}`,
    ready: 'Your report is ready.',
    failed: 'Your report could not be produced.',
    reason: 'Reason',
    keyFigures: 'Key figures',
    attached: (f: string) => `The PDF is attached (${f}).`,
    downloads: 'Downloads',
    expiry: 'Download links expire; open the report in the API for fresh ones.',
    run: 'Run',
    finished: 'Finished',
  },
  'pt-BR': {
    subjectOk: (t: string) => `Relatório pronto: ${t}`,
    subjectFailed: (t: string) => `Falha no relatório: ${t}`,
    ready: 'Seu relatório está pronto.',
    failed: 'Não foi possível gerar seu relatório.',
    reason: 'Motivo',
    keyFigures: 'Números principais',
    attached: (f: string) => `O PDF está anexado (${f}).`,
    downloads: 'Downloads',
    expiry: 'Os links de download expiram; abra o relatório na API para obter novos.',
    run: 'Execução',
    finished: 'Concluído',
  },
} as const;

/** `serverCount` → `Server count`, `total_cost` → `Total cost`. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function formatValue(value: string | number, locale: EmailLocale): string {
  return typeof value === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value) : value;
}

/** Subject, plain-text and HTML bodies of a report e-mail. */
export function renderReportEmail(data: ReportEmailData): RenderedEmail {
  const s = strings[data.locale];
  const ok = data.status === 'succeeded';
  const subject = ok ? s.subjectOk(data.title) : s.subjectFailed(data.title);
  const figures = Object.entries(data.summary).map(([k, v]) => [humanizeKey(k), formatValue(v, data.locale)] as const);

  const text = [
    ok ? s.ready : s.failed,
    '',
    data.title,
    ...(data.error ? ['', `${s.reason}: ${data.error}`] : []),
    ...(figures.length ? ['', `${s.keyFigures}:`, ...figures.map(([k, v]) => `  ${k}: ${v}`)] : []),
    ...(data.attachment ? ['', s.attached(data.attachment)] : []),
    ...(data.links.length ? ['', `${s.downloads}:`, ...data.links.map((l) => `  ${l.label}: ${l.url}`), '', s.expiry] : []),
    '',
    `${s.run}: ${data.runId}${data.finishedAt ? ` · ${s.finished}: ${data.finishedAt}` : ''}`,
    '',
  ].join('\n');

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="${data.locale}"><head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;max-width:640px;margin:0 auto;padding:16px">
<p style="font-size:16px">${e(ok ? s.ready : s.failed)}</p>
<h1 style="font-size:20px;margin:8px 0 16px">${e(data.title)}</h1>
${data.error ? `<p style="padding:12px;background:#fdecea;border-left:4px solid #c0392b"><strong>${e(s.reason)}:</strong> ${e(data.error)}</p>` : ''}
${
  figures.length
    ? `<h2 style="font-size:16px">${e(s.keyFigures)}</h2>
<table role="presentation" style="border-collapse:collapse">${figures
        .map(([k, v]) => `<tr><td style="padding:4px 16px 4px 0;color:#52606d">${e(k)}</td><td style="padding:4px 0;font-weight:bold">${e(v)}</td></tr>`)
        .join('')}</table>`
    : ''
}
${data.attachment ? `<p>${e(s.attached(data.attachment))}</p>` : ''}
${
  data.links.length
    ? `<h2 style="font-size:16px">${e(s.downloads)}</h2>
<ul>${data.links.map((l) => `<li><a href="${e(l.url)}">${e(l.label)}</a></li>`).join('')}</ul>
<p style="font-size:12px;color:#52606d">${e(s.expiry)}</p>`
    : ''
}
<p style="font-size:12px;color:#52606d">${e(s.run)}: ${e(data.runId)}${data.finishedAt ? ` · ${e(s.finished)}: ${e(data.finishedAt)}` : ''}</p>
</body></html>
`;
  return { subject, text, html };
}

/** Sample data for previews and tests, including text that must be escaped. */
export const sampleReportEmail: ReportEmailData = {
  locale: 'en',
  status: 'succeeded',
  title: 'Monthly cost <ACME & Co>',
  runId: 'run_01HZX3S8Q4',
  finishedAt: '2025-11-01T06:02:13Z',
  summary: { servers: 42, vcpus: 168, totalCost: 12345.678, currency: 'EUR', topProject: '<script>alert(1)</script>' },
  links: [
    { label: 'CSV', url: 'https://example.com/reports/run_01HZX3S8Q4.csv?X-Amz-Signature=abc&x=1' },
    { label: 'Report', url: 'https://reports.example.com/v1/reports/run_01HZX3S8Q4' },
  ],
  attachment: 'monthly-cost-2025-11-01.pdf',
};
