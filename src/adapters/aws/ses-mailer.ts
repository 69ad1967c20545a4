import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { DeliveryError } from '../../domain/delivery/errors';
import type { EmailMessage, MailReceipt, Mailer } from '../../domain/delivery/ports';

export interface SesMailerOptions {
  client: SESv2Client;
  /** A verified identity: `reports@example.com` or `Reports <reports@example.com>`. */
  from: string;
  replyTo?: string[];
  configurationSetName?: string;
}

/**
 * `Mailer` on Amazon SES v2: a simple message (`Content.Simple`) with the text and HTML bodies and
 * the attachments, which SES assembles into MIME itself. SES takes or refuses a message whole, so
 * every recipient is accepted or the send throws.
 */
export class SesMailer implements Mailer {
  constructor(private readonly options: SesMailerOptions) {}

  async send(message: EmailMessage): Promise<MailReceipt> {
    const o = this.options;
    // SES has no envelope apart from the headers: a retry to some recipients addresses them alone.
    const to = message.envelopeTo ?? message.to;
    try {
      const out = await o.client.send(
        new SendEmailCommand({
          FromEmailAddress: o.from,
          Destination: { ToAddresses: to },
          ...(o.replyTo?.length ? { ReplyToAddresses: o.replyTo } : {}),
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
              ...(message.attachments.length
                ? {
                    Attachments: message.attachments.map((a) => ({
                      FileName: a.filename,
                      ContentType: a.contentType,
                      ContentDisposition: 'ATTACHMENT' as const,
                      ContentTransferEncoding: 'BASE64' as const,
                      RawContent: a.content,
                    })),
                  }
                : {}),
            },
          },
          ...(o.configurationSetName ? { ConfigurationSetName: o.configurationSetName } : {}),
        }),
      );
      return { messageId: out.MessageId ?? '', accepted: [...to], refused: [] };
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
