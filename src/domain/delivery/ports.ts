/**
 * Ports of the delivery unit: what sends e-mail and webhooks, what uploads files to object
 * storage, and where the per-channel delivery state of a run is updated atomically.
 */
import type { DeliveryState } from '../report-run';
import type { ReportSpec } from '../report-spec';

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** One e-mail to several recipients. From and Reply-To belong to the mailer's configuration. */
export interface EmailMessage {
  /** The recipients the message is addressed to (its To header). */
  to: string[];
  /**
   * Send to these only (the SMTP envelope), default `to`: a retry goes to the recipients not yet
   * reached, while the message still names everyone it is addressed to.
   */
  envelopeTo?: string[];
  subject: string;
  text: string;
  html: string;
  attachments: EmailAttachment[];
}

/** One recipient the mail server refused, with its reply (credentials masked). */
export interface RecipientRefusal {
  address: string;
  error: string;
  /** A 4xx reply: the same recipient may be accepted later. */
  retryable: boolean;
}

/** What the mail server did with one message: each recipient accepted or refused. */
export interface MailReceipt {
  messageId: string;
  accepted: string[];
  refused: RecipientRefusal[];
}

/**
 * Sends e-mail. A message refused as a whole throws, with `retryable` (throttling, outages, a 4xx
 * reply, a dropped connection) or not (a 5xx reply, a rejected message). Recipients refused one by
 * one are reported in the receipt instead, next to those accepted, which must not be sent again.
 */
export interface Mailer {
  send(message: EmailMessage): Promise<MailReceipt>;
}

export interface WebhookRequest {
  url: string;
  /** The JSON body, exactly as signed and sent. */
  body: string;
  /** HMAC key; without it the request is sent unsigned. */
  secret?: string;
  /** Stable per run and channel, so a receiver can drop the rare duplicate (see README). */
  deliveryId: string;
}

/** POSTs signed webhooks, retrying transient failures itself before giving up with a retryable error. */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<{ status: number; attempts: number }>;
}

/**
 * Stores files in the cloud's object storage (Swift), replacing an object of the same name, so an
 * upload done twice leaves one object. Errors carry `retryable` (outages, throttling) or not
 * (no write access, a name Swift refuses, no object storage in the cloud).
 */
export interface ObjectUploader {
  upload(container: string, name: string, body: Uint8Array, contentType: string): Promise<{ url: string }>;
}

/**
 * Conditional writes of `run.deliveries[channel]`: the claim step that keeps two concurrent
 * deliveries of one run and channel from both sending.
 */
export interface DeliveryLedger {
  /**
   * Sets `deliveries[channel]` of run `runId` to `next` if it still equals `expected` (`undefined`:
   * no state yet), comparing status, attempts, at and error. Returns false when another attempt
   * changed it first; touches no other channel.
   */
  compareAndSet(runId: string, channel: string, expected: DeliveryState | undefined, next: DeliveryState): Promise<boolean>;
}

export type EmailLocale = 'en' | 'pt-BR';

/**
 * What a finished run's e-mail says, before it is put into words: in the run's locale, with its
 * report's time zone, period and currency, so the e-mail reads like the report it announces.
 */
export interface ReportEmailData {
  locale: EmailLocale;
  status: 'succeeded' | 'failed';
  /** The report's type. */
  type?: ReportSpec['type'];
  /** The report's title, or a name for its type. */
  title: string;
  runId: string;
  finishedAt?: string;
  /** IANA time zone the report shows its dates in (its period's; UTC when it has none). */
  timezone?: string;
  /** The period the report covers, ISO instants, end exclusive; absent for inventories. */
  period?: { start: string; end: string; preset?: string };
  /** ISO 4217 code of the summary's amounts. */
  currency?: string;
  /** Key figures (`run.summary`), in the order given. */
  summary: Record<string, string | number>;
  /** A budget-alert schedule's run: the thresholds it alerts (see `deliveryGate` on the run). */
  budgetAlerts?: { label: string; threshold: number; basis: 'actual' | 'forecast'; percent: number }[];
  /** Download links: artifacts too large to attach, the other formats, the run itself. */
  links: { label: string; url: string }[];
  /** File name of the attached PDF, if one is attached. */
  attachment?: string;
  /** Why the run failed, as the worker recorded it. */
  error?: string;
  /** The failure's stable code (`run.error.code`), for a reason in the reader's language. */
  errorCode?: string;
}

/** An e-mail body in both forms. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** Puts a run's e-mail into words (the presentation's e-mail template). */
export type ReportEmailRenderer = (data: ReportEmailData) => RenderedEmail;
