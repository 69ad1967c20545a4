import { Stack } from 'aws-cdk-lib';
import { Grant, PolicyStatement, Role, ServicePrincipal, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { QueueEncryption, Queue as SqsQueue, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResources } from '../compliance';
import { deadLetterRetention } from './queue';

/** Properties of {@link Schedules}. */
export interface SchedulesProps {
  /** The queue schedules deliver their job message to. */
  readonly jobsQueue: IQueue;
}

/**
 * EventBridge Scheduler plumbing for report schedules: the schedule group the API creates schedules in, the
 * role schedules assume (it may only send to the jobs queue and to the scheduler's own dead-letter queue),
 * and that dead-letter queue, which catches messages Scheduler could not deliver.
 */
export class Schedules extends Construct {
  readonly group: CfnScheduleGroup;
  readonly groupName: string;
  readonly role: Role;
  readonly deadLetters: SqsQueue;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.groupName = stack.stackName;
    this.group = new CfnScheduleGroup(this, 'Group', { name: this.groupName });

    this.deadLetters = new SqsQueue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: deadLetterRetention,
    });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      acknowledge(
        this.deadLetters,
        id,
        'This queue is itself a dead-letter queue: EventBridge Scheduler sends here what it failed to deliver (set as DeadLetterConfig on each schedule, which CloudFormation cannot see).',
      );
    }

    // Confused-deputy protection as the Scheduler guide recommends: only schedules of this account, in this
    // schedule group (aws:SourceArn is the group's ARN, never a schedule's), may assume the role.
    this.role = new Role(this, 'Role', {
      description: 'Assumed by EventBridge Scheduler to deliver scheduled report jobs',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': this.group.attrArn },
        },
      }),
    });
    // Only SendMessage: grantSendMessages would add GetQueueAttributes/GetQueueUrl, which Scheduler never calls.
    props.jobsQueue.grant(this.role, 'sqs:SendMessage');
    this.deadLetters.grant(this.role, 'sqs:SendMessage');
  }

  /** Create, update, read and delete schedules in the group, and hand them the scheduler role (the API). */
  grantManageSchedules(grantee: IGrantable): void {
    const stack = Stack.of(this);
    const schedules = stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${this.groupName}/*` });
    Grant.addToPrincipal({
      grantee,
      actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
      resourceArns: [schedules],
    });
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    acknowledgeWildcardResources(grantee, [schedules], "Schedule names are generated per schedule; the permission is limited to this stack's schedule group.");
  }
}
