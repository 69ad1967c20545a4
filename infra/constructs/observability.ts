import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Properties of {@link Observability}. */
export interface ObservabilityProps {
  readonly api: HttpApi;
  readonly worker: IFunction;
  readonly deadLetterHandler: IFunction;
  readonly jobsQueue: IQueue;
  readonly jobsDeadLetterQueue: IQueue;
  readonly schedulerDeadLetterQueue: IQueue;
  /** Visibility timeout of the jobs queue: a job older than two of these has failed and is still not done. */
  readonly jobsVisibilityTimeout: Duration;
  /** SNS topic the alarms notify; empty: alarms without actions (visible in the console only). */
  readonly alarmTopicArn: string;
}

/**
 * Alarms on what an operator must act on: jobs that died (dead letters), errors in the functions and the
 * API, schedules Scheduler could not deliver, and a backlog that stopped moving. Log groups with retention
 * belong to each function (see EsmFunction); tracing is on for every function.
 */
export class Observability extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const fiveMinutes = Duration.minutes(5);
    const topic = props.alarmTopicArn ? Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn) : undefined;

    const alarm = (name: string, description: string, metric: IMetric, threshold = 1) => {
      const a = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (topic) a.addAlarmAction(new SnsAction(topic));
      this.alarms.push(a);
    };

    alarm(
      'JobsDeadLetterDepth',
      'Jobs are waiting in the dead-letter queue: the dead-letter handler could not mark their runs failed.',
      props.jobsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
    );
    // The dead-letter handler empties the DLQ within seconds, so its invocations, not the depth, say a job died.
    alarm(
      'JobsDeadLettered',
      'A job crashed or timed out on every attempt and was dead-lettered; its run is marked failed. See the worker logs.',
      props.deadLetterHandler.metricInvocations({ period: fiveMinutes, statistic: 'Sum' }),
    );
    alarm('WorkerErrors', 'The worker crashed or timed out (function errors, not failed jobs).', props.worker.metricErrors({ period: fiveMinutes }));
    alarm(
      'DeadLetterHandlerErrors',
      'The dead-letter handler failed: runs may stay "running" forever.',
      props.deadLetterHandler.metricErrors({ period: fiveMinutes }),
    );
    alarm('Api5xx', 'The API answered with server errors.', props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }));
    alarm(
      'SchedulerDeadLetterDepth',
      'EventBridge Scheduler could not deliver scheduled runs to the jobs queue; the messages wait in its dead-letter queue.',
      props.schedulerDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
    );
    alarm(
      'JobsBacklogStuck',
      'The oldest job has waited two visibility timeouts: the worker is not keeping up, keeps failing it, or is not running.',
      props.jobsQueue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: 'Maximum' }),
      // A job retried after a failure legitimately waits one visibility timeout; two means something is wrong.
      props.jobsVisibilityTimeout.toSeconds() * 2,
    );
  }
}
