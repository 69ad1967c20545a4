import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Clock } from '../../domain/ports';
import { DeliveryError } from '../../domain/delivery/errors';
import { buildMimeMessage } from './mime';
import type { EmailMessage, Mailer } from '../../domain/delivery/ports';

export interface SesMailerOptions {
  client: SESv2Client;
  /** A verified identity: `reports@example.com` or `Reports <reports@example.com>`. */
  from: string;
  replyTo?: string[];
  configurationSetName?: string;
  clock?: Clock;
}

/**
 * `Mailer` on Amazon SES v2. Sends raw MIME (`Content.Raw`), the only form that carries attachments;
 * the recipients are also passed as the envelope `Destination`.
 */
export class SesMailer implements Mailer {
  constructor(private readonly options: SesMailerOptions) {}

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const o = this.options;
    const raw = buildMimeMessage({
      from: o.from,
      to: message.to,
      ...(o.replyTo?.length ? { replyTo: o.replyTo } : {}),
      subject: message.subject,
      text: message.text,
      html: message.html,
      attachments: message.attachments,
      date: o.clock?.now() ?? new Date(),
    });
    try {
      const out = await o.client.send(
        new SendEmailCommand({
          FromEmailAddress: o.from,
          Destination: { ToAddresses: message.to },
          Content: { Raw: { Data: raw } },
          ...(o.configurationSetName ? { ConfigurationSetName: o.configurationSetName } : {}),
        }),
      );
      return { messageId: out.MessageId ?? '' };
    } catch (error) {
      throw sesError(error);
    }
  }
}

// Throttling, sending quota and service faults pass; everything else (rejected message, unverified
// identity, suspended account, bad request) will fail again the same way.
const transientNames = new Set(['TooManyRequestsException', 'LimitExceededException', 'InternalFailure', 'ServiceUnavailable']);

function sesError(cause: unknown): DeliveryError {
  const name = cause instanceof Error ? cause.name : 'Error';
  const detail = cause instanceof Error ? cause.message : String(cause);
  const metadata = (cause as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata;
  const fault = (cause as { $fault?: string } | undefined)?.$fault;
  // No $metadata: the request never got an answer (network, timeout).
  const retryable = transientNames.has(name) || fault === 'server' || !metadata || (metadata.httpStatusCode ?? 0) >= 500;
  return new DeliveryError(retryable ? 'email_unavailable' : 'email_rejected', `SES did not send the e-mail: ${name}: ${detail}`, {
    retryable,
    cause,
  });
}
