import type { SmtpMailer } from '../../adapters/smtp/smtp-mailer';
import type { Mailer } from '../../domain/delivery/ports';
import type { Logger } from '../../domain/ports';
import type { HealthProbe } from '../../handlers/api/routes/health';
import type { AwsConfig } from '../config';
import { parseSmtpUrl } from '../smtp-url';

/**
 * E-mail through the SMTP server of `SMTP_URL` on AWS, with the credentials of the Secrets Manager
 * secret `SMTP_SECRET_ID`, read on first use and kept (a failed read is not kept), like the
 * OpenStack secret. nodemailer and the Secrets Manager client load then too, so a function that
 * sends no mail never loads them. The worker sends with `mailer`; the API checks with `probe`.
 */
export function awsSmtpMail(config: AwsConfig, logger: Logger): { mailer: Mailer; probe: HealthProbe } | undefined {
  if (!config.SMTP_URL || !config.MAIL_FROM) return undefined;
  const url = parseSmtpUrl(config.SMTP_URL, { allowCredentials: false });
  if ('problem' in url) throw new Error(`Invalid configuration: SMTP_URL: ${url.problem}`);
  const { MAIL_FROM: from, MAIL_REPLY_TO: replyTo, SMTP_SECRET_ID: secretId } = config;
  let loaded: Promise<SmtpMailer> | undefined;
  const load = (): Promise<SmtpMailer> => {
    loaded ??= (async () => {
      const [{ smtpMailer }, { readSmtpCredentials }] = await Promise.all([
        import('../smtp-mail'),
        import('../../adapters/aws/secrets-manager-smtp-credentials'),
      ]);
      return smtpMailer({ url, from, ...(replyTo ? { replyTo } : {}), ...(secretId ? { credentials: () => readSmtpCredentials(secretId) } : {}), logger });
    })();
    loaded.catch(() => (loaded = undefined));
    return loaded;
  };
  return {
    mailer: { send: async (message) => (await load()).send(message) },
    probe: { name: 'mail', check: async () => (await load()).verify() },
  };
}
