import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import type { JobQueue, RetryDelay, SendOptions } from '../../domain/ports';
import type { ReportJob } from '../../domain/report-run';

/** What SQS accepts as a MessageGroupId: 1-128 characters, letters, digits and ASCII punctuation. */
const groupIdPattern = /^[\x21-\x7e]{1,128}$/;

/** An owner as a MessageGroupId: itself when SQS accepts it, else a SHA-256 of it (stable, 64 hex digits). */
export function messageGroupId(group: string): string {
  return groupIdPattern.test(group) ? group : createHash('sha256').update(group).digest('hex');
}

/** SQS's bounds of a visibility timeout, in whole seconds. */
const maxVisibilitySeconds = 43_200;

/**
 * The job queue on SQS: one message per job, the body is the job as JSON. As `RetryDelay`, it sets
 * when a message the worker failed comes back (ChangeMessageVisibility on the receipt handle the
 * Lambda event source gave the worker). A job with a `group` (its owner) is sent with that
 * MessageGroupId: on a standard queue that makes SQS a fair queue, which keeps one owner's backlog
 * from delaying the other owners' jobs (no FIFO semantics, no deduplication).
 */
export class SqsJobQueue implements JobQueue, RetryDelay {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(job: ReportJob, options: SendOptions = {}): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(job),
        ...(options.group ? { MessageGroupId: messageGroupId(options.group) } : {}),
      }),
    );
  }

  async delay(receiptHandle: string, seconds: number): Promise<void> {
    const visibility = Math.min(maxVisibilitySeconds, Math.max(0, Math.ceil(seconds)));
    await this.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: visibility }));
  }

  async ping(): Promise<void> {
    await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['QueueArn'] }));
  }
}
