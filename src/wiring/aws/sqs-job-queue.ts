import { SQSClient } from '@aws-sdk/client-sqs';
import { SqsJobQueue } from '../../adapters/aws/sqs-job-queue';
import type { JobQueue } from '../../domain/ports';

/** The job queue on SQS, for the wiring to `import()` on first use (see s3-artifact-store.ts for why a module of its own). */
export function sqsJobQueue(queueUrl: string): JobQueue {
  return new SqsJobQueue(new SQSClient({}), queueUrl);
}
