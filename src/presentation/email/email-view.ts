import type { ReportEmailData } from '../../domain/delivery/ports';
import { createFormatters } from '../format';
import { messagesFor, type Messages } from '../messages';
import { periodText } from '../period-text';
import { emailFigures } from './figures';

/** What both bodies of a report e-mail say, already in the words and formats of the run's locale. */
export interface EmailView {
  data: ReportEmailData;
  m: Messages;
  subject: string;
  /** "Your report is ready." or that it is not. */
  lead: string;
  /** The report's kind and period, as its title block says them. */
  about: string;
  /** Why the run failed, in the reader's language when its code is known. */
  reason?: string;
  /** The failure as the worker recorded it, when the reason above is a translation of it. */
  details?: string;
  /** Key figures as [label, value], in the order given. */
  figures: [string, string][];
  /** A budget alert's reasons, one sentence per threshold reached. */
  alerts: string[];
  /** The run id and when it finished. */
  footer: string;
}

/** A valid ISO 4217 code (Intl throws on anything else), or undefined. */
function currencyOf(data: ReportEmailData): string | undefined {
  const c = data.currency ?? data.summary.currency;
  return typeof c === 'string' && /^[A-Z]{3}$/.test(c) ? c : undefined;
}

/** The catalogue's words for a failure code: exact, or by class for OpenStack's HTTP answers. */
function failureReason(m: Messages, code: string | undefined): string | undefined {
  if (!code) return undefined;
  const reasons: Record<string, string> = m.email.failureReasons;
  if (Object.hasOwn(reasons, code)) return reasons[code];
  if (/^openstack_http_5\d\d$/.test(code)) return reasons.openstack_http_5xx;
  if (/^openstack_http_\d{3}$/.test(code)) return reasons.openstack_http;
  return undefined;
}

/** Puts a run's e-mail data into the words, dates and numbers of its locale, as its report does. */
export function emailView(data: ReportEmailData): EmailView {
  const m = messagesFor(data.locale);
  const e = m.email;
  const timezone = data.timezone ?? 'UTC';
  const f = createFormatters(data.locale, timezone, currencyOf(data));
  const ok = data.status === 'succeeded';
  // A report without a title of its own is titled by its kind: then the kind goes without saying.
  const kind = data.type && m.reportKind[data.type] !== data.title ? m.reportKind[data.type] : '';
  const about = [kind, data.period ? periodText(m, f, data.period) : ''].filter(Boolean).join(' · ');
  const translated = ok ? undefined : failureReason(m, data.errorCode);
  const failure = ok
    ? {}
    : translated
      ? { reason: translated, ...(data.error && data.error !== translated ? { details: data.error } : {}) }
      : { reason: data.error ?? e.noReason };
  const alerts = (ok ? (data.budgetAlerts ?? []) : []).map((a) =>
    (a.basis === 'actual' ? e.budgetReached : e.budgetForecast)(a.label, f.percent(a.threshold), f.percent(a.percent)),
  );
  return {
    data,
    m,
    subject: alerts.length ? e.subjectBudgetAlert(data.title) : ok ? e.subjectReady(data.title) : e.subjectFailed(data.title),
    lead: alerts.length ? e.budgetAlert : ok ? e.ready : e.failed,
    alerts,
    about,
    ...failure,
    figures: emailFigures(data.summary, m, f),
    footer: `${e.run}: ${data.runId}${data.finishedAt ? ` · ${e.finished}: ${f.longDateTime(data.finishedAt)} (${timezone})` : ''}`,
  };
}
