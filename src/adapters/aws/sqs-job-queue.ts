import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue, RetryDelay } from '../../domain/ports';
import type { ReportJob } from '../../domain/report-run';

/** SQS's bounds of a visibility timeout, in whole seconds. */
const maxVisibilitySeconds = 43_200;

/**
 * The job queue on SQS: one message per job, the body is the job as JSON. As `RetryDelay`, it sets
 * when a message the worker failed comes back (ChangeMessageVisibility on the receipt handle the
 * Lambda event source gave the worker).
 */
export class SqsJobQueue implements JobQueue, RetryDelay {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(job: ReportJob): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(job) }));
  }

  async delay(receiptHandle: string, seconds: number): Promise<void> {
    const visibility = Math.min(maxVisibilitySeconds, Math.max(0, Math.ceil(seconds)));
    await this.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: visibility }));
  }

  async ping(): Promise<void> {
    await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: ['QueueArn'] }));
  }
}
