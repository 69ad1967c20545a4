import type { ReportEmailData } from '../../domain/delivery/ports';
import { messagesFor, type Messages } from '../messages';

/** What both bodies of a report e-mail say, already in the reader's language. */
export interface EmailView {
  data: ReportEmailData;
  m: Messages;
  subject: string;
  /** "Your report is ready." or why not. */
  lead: string;
  /** Why the run failed, when it did. */
  reason?: string;
  /** Key figures as [label, value], in the order given. */
  figures: [string, string][];
  /** The run id and when it finished. */
  footer: string;
}

/** `serverCount` → `Server count`, `total_cost` → `Total cost`. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Puts a run's e-mail data into the words of its locale's catalogue. */
export function emailView(data: ReportEmailData): EmailView {
  const m = messagesFor(data.locale);
  const e = m.email;
  const ok = data.status === 'succeeded';
  const number = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 2 });
  return {
    data,
    m,
    subject: ok ? e.subjectReady(data.title) : e.subjectFailed(data.title),
    lead: ok ? e.ready : e.failed,
    ...(data.error ? { reason: data.error } : {}),
    figures: Object.entries(data.summary).map(([k, v]) => [humanizeKey(k), typeof v === 'number' ? number.format(v) : v]),
    footer: `${e.run}: ${data.runId}${data.finishedAt ? ` · ${e.finished}: ${data.finishedAt}` : ''}`,
  };
}
