import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { awsApiDeps } from '../../src/wiring/aws/api-deps';
import { aSchedule } from '../schedules/fakes';
import { awsStackEnv } from '../helpers/aws-env';

// The API's S3, SQS and Scheduler adapters load on first use; these check each still does its job then.

describe('the API dependencies on AWS, loaded on first use', () => {
  beforeAll(() => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
  });
  afterAll(() => vi.unstubAllEnvs());

  it('sends jobs to the jobs queue', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm1' });
    await (await awsApiDeps(awsStackEnv)).queue.send({ kind: 'run', runId: 'r-1' });
    expect(sqs.commandCalls(SendMessageCommand).map((c) => c.args[0].input)).toEqual([
      { QueueUrl: awsStackEnv.JOBS_QUEUE_URL, MessageBody: '{"kind":"run","runId":"r-1"}' },
    ]);
    sqs.restore();
  });

  it('presigns downloads from the artifacts bucket', async () => {
    const url = new URL(await (await awsApiDeps(awsStackEnv)).artifacts.presignGet('runs/r-1/report.pdf', 900, 'report.pdf'));
    expect(url.hostname).toBe('artifacts.s3.eu-west-1.amazonaws.com');
    expect(url.pathname).toBe('/runs/r-1/report.pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
  });

  it('creates schedules in the stack’s group, sending to the jobs queue', async () => {
    const scheduler = mockClient(SchedulerClient);
    scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:eu-west-1:123456789012:schedule/openstack-reports/sch-1' });
    await (await awsApiDeps(awsStackEnv)).scheduler.create(aSchedule({ id: 'sch-1' }));
    const [call] = scheduler.commandCalls(CreateScheduleCommand);
    expect(call?.args[0].input).toMatchObject({
      Name: 'sch-1',
      GroupName: awsStackEnv.SCHEDULE_GROUP,
      Target: { Arn: awsStackEnv.JOBS_QUEUE_ARN, RoleArn: awsStackEnv.SCHEDULER_ROLE_ARN },
    });
    scheduler.restore();
  });

  it('reads the price list of the deployment, YAML or JSON, when it has one', async () => {
    expect((await awsApiDeps(awsStackEnv)).settings.defaultPriceList).toBeUndefined();
    const yaml = 'name: List prices\ncurrency: EUR\nunits:\n  vcpuHour: "0.02"\n';
    expect((await awsApiDeps({ ...awsStackEnv, PRICE_LIST: yaml })).settings.defaultPriceList).toMatchObject({ name: 'List prices', currency: 'EUR' });
    await expect(awsApiDeps({ ...awsStackEnv, PRICE_LIST: 'currency: [' })).rejects.toThrow(/PRICE_LIST/);
  });

  it('knows whether the deployment has a brand theme (BRANDING), for theme: "brand"', async () => {
    expect((await awsApiDeps(awsStackEnv)).settings.brandingConfigured).toBe(false);
    expect((await awsApiDeps({ ...awsStackEnv, BRANDING: '{"name":"ACME Cloud"}' })).settings.brandingConfigured).toBe(true);
  });

  it('knows whether anything can send e-mail (SES with a sender, or SMTP), for delivery.email', async () => {
    expect((await awsApiDeps(awsStackEnv)).settings.emailConfigured).toBe(false);
    expect((await awsApiDeps({ ...awsStackEnv, SES_FROM: 'reports@example.com' })).settings.emailConfigured).toBe(true);
  });
});
