/**
 * The e-mail sent when a run finishes: a pure function of typed data, in the words of the run's
 * locale (the report catalogues' `email` section). The bodies are templates beside this file
 * (`email-text.ts`, `email-html.tsx`); `sample.ts` holds data to preview and test them with.
 */
import type { RenderedEmail, ReportEmailData } from '../../domain/delivery/ports';
import { emailHtml } from './email-html';
import { emailText } from './email-text';
import { emailView } from './email-view';

export type { RenderedEmail, ReportEmailData } from '../../domain/delivery/ports';
export { humanizeKey } from './figures';
/** The sample data, also where it was before the templates moved (older imports keep working). */
export { sampleReportEmail } from './sample';

/** Subject, plain-text and HTML bodies of a report e-mail. */
export function renderReportEmail(data: ReportEmailData): RenderedEmail {
  const view = emailView(data);
  return { subject: view.subject, text: emailText(view), html: emailHtml(view) };
}
