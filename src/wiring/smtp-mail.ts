import { SmtpMailer, type SmtpCredentials } from '../adapters/smtp/smtp-mailer';
import type { Logger } from '../domain/ports';
import type { HealthProbe } from '../handlers/api/routes/health';
import { describeSmtpServer, type SmtpUrl } from './smtp-url';

export interface SmtpMailOptions {
  /** The server (credentials in it, if any, are used unless `credentials` is given). */
  url: SmtpUrl;
  from: string;
  replyTo?: string;
  /** Credentials fetched on first use (a Secrets Manager secret on AWS). */
  credentials?: () => Promise<SmtpCredentials | undefined>;
  /** Certificates to trust besides the system's (tests, private CAs). */
  ca?: string | Buffer;
  logger: Logger;
  /** Our own loopback outbox: sent in the clear without a warning. */
  trustedLoopback?: boolean;
}

/** E-mail through an SMTP server. Sending in the clear (`?tls=off`) is allowed, with a warning. */
export function smtpMailer(options: SmtpMailOptions): SmtpMailer {
  const { url } = options;
  if (url.security === 'none' && !options.trustedLoopback) {
    options.logger.warn('SMTP_URL has tls=off: e-mail, and any SMTP credentials, cross the network unencrypted', { server: describeSmtpServer(url) });
  }
  const fixed = url.username !== undefined && url.password !== undefined ? { username: url.username, password: url.password } : undefined;
  const credentials = options.credentials ?? fixed;
  return new SmtpMailer({
    host: url.host,
    port: url.port,
    security: url.security,
    from: options.from,
    ...(options.replyTo ? { replyTo: [options.replyTo] } : {}),
    ...(credentials ? { credentials } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
  });
}

/** The `mail` check of `GET /v1/health`: the SMTP server answers EHLO, upgrades to TLS and accepts the credentials. */
export function mailProbe(verify: () => Promise<void>): HealthProbe {
  return { name: 'mail', check: verify };
}
