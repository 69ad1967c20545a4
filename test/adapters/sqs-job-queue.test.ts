import { ChangeMessageVisibilityCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SqsJobQueue } from '../../src/adapters/aws/sqs-job-queue';

// Nothing local speaks SQS, so the client is mocked and the exact request asserted.
describe('SqsJobQueue', () => {
  it('sends one message per job, the job as JSON, to the configured queue', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    const queue = new SqsJobQueue(new SQSClient({ region: 'eu-west-1' }), 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs');

    await queue.send({ kind: 'run', runId: 'r-1' });

    const calls = sqs.commandCalls(SendMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
      MessageBody: '{"kind":"run","runId":"r-1"}',
    });
    sqs.restore();
  });

  it('sends each job with its owner as MessageGroupId (a fair queue on a standard SQS queue)', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    const queue = new SqsJobQueue(new SQSClient({ region: 'eu-west-1' }), 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs');

    await queue.send({ kind: 'run', runId: 'r-1' }, { group: 'alice@example.com' });
    // An owner SQS would refuse as a group id (spaces, non-ASCII, too long) is sent as its SHA-256.
    await queue.send({ kind: 'deliver', runId: 'r-1', channel: 'email' }, { group: 'José Ñ' });

    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      {
        QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
        MessageBody: '{"kind":"run","runId":"r-1"}',
        MessageGroupId: 'alice@example.com',
      },
      {
        QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs',
        MessageBody: '{"kind":"deliver","runId":"r-1","channel":"email"}',
        MessageGroupId: createHash('sha256').update('José Ñ').digest('hex'),
      },
    ]);
    sqs.restore();
  });

  it('sets the retry delay of a message in flight with ChangeMessageVisibility, in whole seconds within SQS bounds', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const queue = new SqsJobQueue(new SQSClient({ region: 'eu-west-1' }), 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs');

    await queue.delay('AQEB-receipt-handle==', 27.3);
    await queue.delay('AQEB-other==', 99_999);

    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs', ReceiptHandle: 'AQEB-receipt-handle==', VisibilityTimeout: 28 },
      { QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs', ReceiptHandle: 'AQEB-other==', VisibilityTimeout: 43_200 },
    ]);
    sqs.restore();
  });

  it('pings with a cheap attribute read', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: 'arn' } });
    await new SqsJobQueue(new SQSClient({ region: 'eu-west-1' }), 'https://q').ping();
    expect(sqs.commandCalls(GetQueueAttributesCommand)[0]!.args[0].input).toEqual({ QueueUrl: 'https://q', AttributeNames: ['QueueArn'] });
    sqs.restore();
  });
});
