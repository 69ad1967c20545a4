import { Duration } from 'aws-cdk-lib';
import { Queue as SqsQueue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../compliance';

/** SQS keeps a message at most 14 days; dead letters get all of it so nothing is lost over a holiday. */
export const deadLetterRetention = Duration.days(14);

/** Properties of {@link Queue}. */
export interface QueueProps {
  /** Timeout of the function consuming the queue; the visibility timeout is derived from it. */
  readonly consumerTimeout: Duration;
  /** Receives before a job is dead-lettered. */
  readonly maxReceiveCount: number;
  /** Timeout of the function consuming the dead-letter queue. */
  readonly deadLetterConsumerTimeout: Duration;
}

/**
 * The jobs queue (report and delivery jobs, scheduled runs) and its dead-letter queue. Both encrypted with
 * SQS-managed keys and reachable over TLS only.
 */
export class Queue extends Construct {
  readonly jobs: SqsQueue;
  readonly deadLetters: SqsQueue;
  readonly maxReceiveCount: number;
  /** How long a received job stays invisible to other consumers. */
  readonly visibilityTimeout: Duration;

  constructor(scope: Construct, id: string, props: QueueProps) {
    super(scope, id);
    this.maxReceiveCount = props.maxReceiveCount;
    // AWS's rule for Lambda event sources: at least six times the function timeout, so a message whose
    // invocation is throttled and retried is not redelivered while still being worked on.
    this.visibilityTimeout = Duration.seconds(props.consumerTimeout.toSeconds() * 6);

    this.deadLetters = new SqsQueue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: deadLetterRetention,
      visibilityTimeout: Duration.seconds(props.deadLetterConsumerTimeout.toSeconds() * 6),
    });
    acknowledge(
      this.deadLetters,
      'Serverless-SQSRedrivePolicy',
      'This is the dead-letter queue of the jobs queue. Its consumer reports failed items back; they stay here for the 14-day retention, raising the queue-depth alarm, rather than moving to a third queue nobody reads.',
    );

    this.jobs = new SqsQueue(this, 'Jobs', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: this.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: props.maxReceiveCount },
    });
  }
}
