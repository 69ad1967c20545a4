import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ThrottlingException,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EventBridgeScheduler } from '../../src/adapters/aws/eventbridge-scheduler';
import { aSchedule } from './fakes';

const mock = mockClient(SchedulerClient);
const options = {
  client: new SchedulerClient({ region: 'eu-central-1' }),
  groupName: 'openstack-reports',
  queueArn: 'arn:aws:sqs:eu-central-1:123456789012:jobs',
  roleArn: 'arn:aws:iam::123456789012:role/scheduler-send',
  dlqArn: 'arn:aws:sqs:eu-central-1:123456789012:scheduler-dlq',
};

const schedule = aSchedule({
  id: 'sch-42',
  name: 'Monthly cost',
  expression: 'cron(0 6 1 * ? *)',
  timezone: 'America/Sao_Paulo',
  startDate: '2025-02-01T00:00:00.000Z',
  endDate: '2026-02-01T00:00:00.000Z',
  version: 1,
  delivery: { email: ['finance@example.com'] },
});

const expectedInput = JSON.stringify({
  kind: 'scheduled',
  scheduleId: 'sch-42',
  owner: 'alice',
  scheduledTime: '<aws.scheduler.scheduled-time>',
  // The schedule's zone is its report's default zone.
  spec: { ...schedule.report, period: { preset: 'last-month', timezone: 'America/Sao_Paulo' } },
  delivery: { email: ['finance@example.com'] },
});

const expectedRequest = {
  Name: 'sch-42',
  GroupName: 'openstack-reports',
  ScheduleExpression: 'cron(0 6 1 * ? *)',
  ScheduleExpressionTimezone: 'America/Sao_Paulo',
  StartDate: new Date('2025-02-01T00:00:00.000Z'),
  EndDate: new Date('2026-02-01T00:00:00.000Z'),
  Description: 'Monthly cost',
  State: 'ENABLED',
  FlexibleTimeWindow: { Mode: 'OFF' },
  Target: {
    Arn: 'arn:aws:sqs:eu-central-1:123456789012:jobs',
    RoleArn: 'arn:aws:iam::123456789012:role/scheduler-send',
    Input: expectedInput,
    RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 },
    DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-central-1:123456789012:scheduler-dlq' },
  },
  ActionAfterCompletion: 'NONE',
};

// Service exceptions as the SDK builds them (with `$metadata`), whatever their option types.
const serviceError = <E extends Error>(Ctor: new (o: never) => E): E => new Ctor({ message: 'from the mock', $metadata: {} } as never);

describe('EventBridgeScheduler', () => {
  beforeEach(() => mock.reset());

  it('creates a schedule with the exact CreateSchedule input', async () => {
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:sch' });

    await new EventBridgeScheduler(options).create(schedule);

    const calls = mock.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toStrictEqual({ ...expectedRequest, ClientToken: 'sch-42-v1' });
  });

  it('creates a disabled one-time schedule that deletes itself after completion, without dates', async () => {
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:sch' });
    const once = aSchedule({ id: 'sch-7', expression: 'at(2030-01-01T09:00:00)', timezone: 'Europe/Berlin', enabled: false, version: 2 });

    await new EventBridgeScheduler(options).create(once);

    expect(mock.commandCalls(CreateScheduleCommand)[0].args[0].input).toStrictEqual({
      Name: 'sch-7',
      GroupName: 'openstack-reports',
      ScheduleExpression: 'at(2030-01-01T09:00:00)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      State: 'DISABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        ...expectedRequest.Target,
        Input: JSON.stringify({
          kind: 'scheduled',
          scheduleId: 'sch-7',
          owner: 'alice',
          scheduledTime: '<aws.scheduler.scheduled-time>',
          spec: { ...once.report, period: { preset: 'last-month', timezone: 'Europe/Berlin' } },
        }),
      },
      ActionAfterCompletion: 'DELETE',
      ClientToken: 'sch-7-v2',
    });
  });

  it('updates with the full settings (UpdateSchedule replaces everything)', async () => {
    mock.on(UpdateScheduleCommand).resolves({ ScheduleArn: 'arn:sch' });

    await new EventBridgeScheduler(options).update(schedule);

    expect(mock.commandCalls(UpdateScheduleCommand)[0].args[0].input).toStrictEqual(expectedRequest);
  });

  it('deletes by name in the group and treats a missing schedule as deleted', async () => {
    mock.on(DeleteScheduleCommand).rejects(serviceError(ResourceNotFoundException));

    await new EventBridgeScheduler(options).delete('sch-42');

    expect(mock.commandCalls(DeleteScheduleCommand)[0].args[0].input).toStrictEqual({ Name: 'sch-42', GroupName: 'openstack-reports' });
  });

  it('turns a create of an existing schedule into an update, and an update of a missing one into a create', async () => {
    mock.on(CreateScheduleCommand).rejectsOnce(serviceError(ConflictException)).resolves({ ScheduleArn: 'arn' });
    mock.on(UpdateScheduleCommand).resolvesOnce({ ScheduleArn: 'arn' }).rejects(serviceError(ResourceNotFoundException));
    const scheduler = new EventBridgeScheduler(options);

    await scheduler.create(schedule);
    await scheduler.update(schedule);

    expect(mock.commandCalls(UpdateScheduleCommand)).toHaveLength(2);
    expect(mock.commandCalls(CreateScheduleCommand)).toHaveLength(2);
    expect(mock.commandCalls(CreateScheduleCommand)[1].args[0].input).toStrictEqual(expectedRequest);
  });

  it('reports failures with the schedule, the AWS error and whether a retry may help', async () => {
    mock.on(UpdateScheduleCommand).rejectsOnce(serviceError(ValidationException)).rejectsOnce(serviceError(ThrottlingException));
    const scheduler = new EventBridgeScheduler(options);

    await expect(scheduler.update(schedule)).rejects.toMatchObject({
      code: 'scheduler_error',
      retryable: false,
      message: 'EventBridge Scheduler could not update schedule sch-42: ValidationException: from the mock',
    });
    await expect(scheduler.update(schedule)).rejects.toMatchObject({ retryable: true });
  });
});
