import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../adapters/aws/ses-mailer';
import type { Mailer } from '../domain/delivery/ports';

/** E-mail through SES v2 (on AWS; locally through the outbox, which speaks the same API). */
export function sesMailer(client: SESv2Client, from: string, replyTo?: string): Mailer {
  return new SesMailer({ client, from, ...(replyTo ? { replyTo: [replyTo] } : {}) });
}
