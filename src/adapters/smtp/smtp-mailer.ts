/**
 * `Mailer` over any SMTP server (a provider, a company relay, SES's SMTP endpoint, the local
 * outbox), with nodemailer: it writes the MIME (text and HTML alternatives, attachments, encoded
 * headers) and speaks the protocol, STARTTLS and AUTH included.
 *
 * Errors are classified by the server's reply: 4xx (and 503) or a dropped connection is retryable,
 * 5xx is not. Recipients refused one by one (`RCPT TO`) do not fail the message: they come back in
 * the receipt next to the accepted ones. Credentials never leave this module: every error text is
 * masked before it is thrown, and nodemailer's own logger stays off.
 */
import nodemailer, { type NodemailerError, type SMTPSentMessageInfo, type SMTPTransportOptions, type Transporter } from 'nodemailer';
import { DeliveryError } from '../../domain/delivery/errors';
import type { EmailMessage, MailReceipt, Mailer, RecipientRefusal } from '../../domain/delivery/ports';
import type { Clock } from '../../domain/ports';

export interface SmtpCredentials {
  username: string;
  password: string;
}

/**
 * How the connection is protected: `tls` connects with TLS (smtps, usually port 465); `starttls`
 * upgrades a plain connection and refuses to go on without it (usually 587); `none` sends in the
 * clear (a relay on a trusted network, the local outbox).
 */
export type SmtpSecurity = 'tls' | 'starttls' | 'none';

export interface SmtpMailerOptions {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** `reports@example.com` or `Reports <reports@example.com>`. */
  from: string;
  replyTo?: string[];
  /** Fixed credentials, or a function that fetches them (from a secret store) on first send; none: no AUTH. */
  credentials?: SmtpCredentials | (() => Promise<SmtpCredentials | undefined>);
  /** Certificates to trust besides the system's (PEM), for a server with a private CA. */
  ca?: string | Buffer;
  /** Seconds to wait for the connection and the greeting (default 15). */
  connectTimeoutSeconds?: number;
  /** Seconds of silence before the connection is given up (default 60). */
  socketTimeoutSeconds?: number;
  clock?: Clock;
}

export class SmtpMailer implements Mailer {
  #transport?: Promise<{ transport: Transporter<SMTPSentMessageInfo>; secrets: string[] }>;

  constructor(private readonly options: SmtpMailerOptions) {}

  /** `host:port` of the server, for messages and logs (never the credentials). */
  get server(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  async send(message: EmailMessage): Promise<MailReceipt> {
    const o = this.options;
    const { transport, secrets } = await this.transport();
    try {
      const info = await transport.sendMail({
        from: o.from,
        to: message.to,
        ...(o.replyTo?.length ? { replyTo: o.replyTo } : {}),
        ...(message.envelopeTo ? { envelope: { from: o.from, to: message.envelopeTo } } : {}),
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
        date: o.clock?.now() ?? new Date(),
        // Only what is given here goes out: no file or URL is read into the message.
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return {
        messageId: info.messageId,
        accepted: info.accepted.map(String),
        refused: refusals(info.rejected.map(String), (info as { rejectedErrors?: NodemailerError[] }).rejectedErrors, secrets),
      };
    } catch (error) {
      const e = error as NodemailerError;
      // Every recipient refused at RCPT TO: no message went out, and each refusal is its own answer.
      if (e.code === 'EENVELOPE' && e.command === 'RCPT TO' && e.rejected?.length) {
        return { messageId: '', accepted: [], refused: refusals(e.rejected, e.rejectedErrors, secrets) };
      }
      throw smtpError(error, this.server, secrets);
    }
  }

  /** Connects, says EHLO, upgrades to TLS and authenticates as a send would, then quits (the health check). */
  async verify(): Promise<void> {
    const { transport, secrets } = await this.transport();
    try {
      await transport.verify();
    } catch (error) {
      throw smtpError(error, this.server, secrets);
    }
  }

  close(): void {
    void this.#transport?.then(({ transport }) => transport.close()).catch(() => undefined);
  }

  private transport(): Promise<{ transport: Transporter<SMTPSentMessageInfo>; secrets: string[] }> {
    this.#transport ??= this.createTransport().catch((error: unknown) => {
      this.#transport = undefined;
      throw error;
    });
    return this.#transport;
  }

  private async createTransport(): Promise<{ transport: Transporter<SMTPSentMessageInfo>; secrets: string[] }> {
    const o = this.options;
    let credentials: SmtpCredentials | undefined;
    try {
      credentials = typeof o.credentials === 'function' ? await o.credentials() : o.credentials;
    } catch (error) {
      throw new DeliveryError('email_credentials_unavailable', `The SMTP credentials could not be read: ${(error as Error).message}`, {
        retryable: (error as { retryable?: boolean }).retryable ?? true,
        cause: error,
      });
    }
    const connectMs = (o.connectTimeoutSeconds ?? 15) * 1000;
    const options: SMTPTransportOptions = {
      host: o.host,
      port: o.port,
      secure: o.security === 'tls',
      // STARTTLS or nothing: a server (or someone in between) that does not offer it gets no mail and no password.
      requireTLS: o.security === 'starttls',
      ignoreTLS: o.security === 'none',
      tls: { minVersion: 'TLSv1.2', ...(o.ca ? { ca: o.ca } : {}) },
      ...(credentials ? { auth: { user: credentials.username, pass: credentials.password } } : {}),
      connectionTimeout: connectMs,
      greetingTimeout: connectMs,
      socketTimeout: (o.socketTimeoutSeconds ?? 60) * 1000,
      // Nodemailer's logger would print the conversation, AUTH included.
      logger: false,
      debug: false,
    };
    return { transport: nodemailer.createTransport(options), secrets: secretForms(credentials) };
  }
}

/** Each refused recipient with the server's reply, retryable for 4xx (and 503) replies. */
function refusals(rejected: string[], errors: NodemailerError[] | undefined, secrets: string[]): RecipientRefusal[] {
  return rejected.map((address) => {
    const error = errors?.find((e) => e.recipient === address);
    const reply = error?.response ?? error?.message ?? 'refused';
    return { address, error: maskSecrets(reply, secrets), retryable: isRetryableReply(error?.responseCode) };
  });
}

/** RFC 5321: 4yz replies are transient; 5yz permanent, except 503 (a session in the wrong state). */
function isRetryableReply(code: number | undefined): boolean {
  return code === undefined || code < 500 || code === 503;
}

// Failures of the connection rather than replies: the network, the server going away, timeouts.
const connectionCodes = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'EPROXY']);

/** A nodemailer error as a `DeliveryError`: retryable for 4xx replies and dropped connections, credentials masked. */
export function smtpError(cause: unknown, server: string, secrets: string[]): DeliveryError {
  const e = (cause ?? {}) as NodemailerError;
  const retryable = e.responseCode !== undefined ? isRetryableReply(e.responseCode) : connectionCodes.has(e.code ?? '');
  const detail = maskSecrets(cause instanceof Error ? cause.message : String(cause), secrets);
  const code = e.code === 'EAUTH' || e.code === 'ENOAUTH' ? 'email_auth_failed' : retryable ? 'email_unavailable' : 'email_rejected';
  // The cause is not kept: its fields (and a logger that prints them) could carry what was masked.
  return new DeliveryError(code, `The SMTP server ${server} did not send the e-mail: ${detail}`, { retryable });
}

/** The forms credentials can take on the wire or in a reply: as is, URL-encoded, base64 (AUTH LOGIN and PLAIN). */
export function secretForms(credentials: SmtpCredentials | undefined): string[] {
  if (!credentials) return [];
  const { username, password } = credentials;
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const forms = [password, encodeURIComponent(password), b64(password), b64(`\0${username}\0${password}`), b64(`${username}\0${username}\0${password}`)];
  // A very short user name would mask ordinary words; it is not the secret part.
  if (username.length >= 3) forms.push(username, encodeURIComponent(username), b64(username));
  return [...new Set(forms.filter(Boolean))].sort((a, b) => b.length - a.length);
}

/** `text` with every secret replaced by `***`. */
export function maskSecrets(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}
