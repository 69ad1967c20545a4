import type { EmailView } from './email-view';

/** The plain-text body of a report e-mail. */
export function emailText(v: EmailView): string {
  const { data, m } = v;
  return [
    v.lead,
    ...v.alerts.map((a) => `  - ${a}`),
    '',
    data.title,
    ...(v.about ? [v.about] : []),
    ...(v.reason ? ['', `${m.email.reason}: ${v.reason}`] : []),
    ...(v.details ? [`${m.email.details}: ${v.details}`] : []),
    ...(v.figures.length ? ['', `${m.email.keyFigures}:`, ...v.figures.map(([k, x]) => `  ${k}: ${x}`)] : []),
    ...(data.attachment ? ['', m.email.attached(data.attachment)] : []),
    ...(data.links.length ? ['', `${m.email.downloads}:`, ...data.links.map((l) => `  ${l.label}: ${l.url}`), '', m.email.linksExpire] : []),
    '',
    v.footer,
    '',
  ].join('\n');
}
