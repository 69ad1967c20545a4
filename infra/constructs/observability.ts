import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TreatMissingData,
  type IMetric,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Architecture, LayerVersion, type Function as LambdaFunction, type IFunction, type ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { cloudWatchNamespace, type MetricName } from '../../src/domain/metric-catalogue';
import { acknowledge } from '../compliance';

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
  /** SNS topic the alarms notify; empty: the stack creates one. */
  readonly alarmTopicArn: string;
  /** Address subscribed to the alarm topic (it must confirm the subscription); empty: none. */
  readonly alarmEmail: string;
  /** Whether reports are e-mailed through SES (a sender is configured and no SMTP server replaces it). */
  readonly sendsThroughSes: boolean;
  /** Every function of the stack: each is traced. */
  readonly functions: readonly LambdaFunction[];
  /** OpenTelemetry collector layer (`{arch}`: amd64 or arm64) given to every function; empty: none. */
  readonly otelCollectorLayerArn: string;
}

/** Where the collector layer receives OTLP/HTTP inside the function's environment. */
export const otelCollectorEndpoint = 'http://localhost:4318';

/** Titles of the dashboard's widgets, in order (tests and the README name them). */
export const dashboardWidgetTitles = {
  runs: 'Runs by outcome',
  failures: 'Failed runs by failure class',
  stagesP50: 'Stage duration p50 (s)',
  stagesP95: 'Stage duration p95 (s)',
  openStack: 'OpenStack requests and errors',
  deliveries: 'Delivery attempts and failures',
  deadLetters: 'Dead letters',
  backlog: 'Jobs backlog',
  worker: 'Worker errors and throttles',
  apiErrors: 'API 4xx and 5xx',
  apiLatency: 'API latency (ms)',
  ses: 'SES bounces and complaints',
  alarms: 'Alarms',
} as const;

const fiveMinutes = Duration.minutes(5);

/**
 * An application metric of `metricCatalogue` (embedded metric format from the functions), as one series
 * per set of label values, or, with `sum`, their total. SEARCH rather than fixed metrics: the label values
 * (report types, stages, OpenStack services, failure classes) exist only once the functions emit them.
 */
function search(name: MetricName, statistic: string, options: { where?: Record<string, string>; sum?: string } = {}): MathExpression {
  const filters = Object.entries(options.where ?? {}).map(([k, v]) => ` ${k}="${v}"`);
  const query = `SEARCH('Namespace="${cloudWatchNamespace}" MetricName="${name}"${filters.join('')}', '${statistic}', ${fiveMinutes.toSeconds()})`;
  return new MathExpression({
    expression: options.sum ? `SUM(${query})` : query,
    usingMetrics: {},
    period: fiveMinutes,
    // A search's series are named by their label values; a sum needs a name of its own.
    label: options.sum ?? '',
  });
}

/**
 * The operator's view: a dashboard of what the service did (runs by outcome, stage durations, OpenStack
 * errors, deliveries) and how its AWS parts held up (queues, functions, API, SES), and alarms on what
 * someone must act on, notifying an SNS topic. Log groups with retention belong to each function (see
 * EsmFunction), as does tracing.
 *
 * Plain CloudWatch constructs rather than cdk-monitoring-constructs: a dozen widgets and alarms read
 * plainly here, with no second library pinned to aws-cdk-lib's version and no default alarms to opt out of.
 */
export class Observability extends Construct {
  readonly alarms: Alarm[] = [];
  /** The topic alarms notify: the one given by `alarmTopicArn`, or the one created here. */
  readonly alarmTopic: ITopic;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.alarmTopic = props.alarmTopicArn ? Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn) : this.createTopic();
    if (props.alarmEmail) {
      const subscription = this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
      acknowledge(
        subscription,
        'Serverless-SNSRedrivePolicy',
        "An alarm e-mail SNS cannot deliver stays visible as the alarm's state (console, the dashboard's alarm widget); a dead-letter queue of e-mails would have no reader.",
      );
    }
    const action = new SnsAction(this.alarmTopic);
    if (props.otelCollectorLayerArn) this.addCollectorLayer(props.functions, props.otelCollectorLayerArn);

    const alarm = (name: string, description: string, metric: IMetric, threshold = 1, evaluationPeriods = 1) => {
      const a = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      // The all-clear too, so whoever was paged knows it is over without opening the console.
      a.addOkAction(action);
      this.alarms.push(a);
      return a;
    };

    const jobsDeadLetterDepth = props.jobsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' });
    const schedulerDeadLetterDepth = props.schedulerDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' });
    const deadLettered = props.deadLetterHandler.metricInvocations({ period: fiveMinutes, statistic: 'Sum' });
    const workerErrors = props.worker.metricErrors({ period: fiveMinutes });
    const workerThrottles = props.worker.metricThrottles({ period: fiveMinutes });
    const oldestJob = props.jobsQueue.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: 'Maximum' });
    const api5xx = props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' });
    const apiLatencyP95 = props.api.metricLatency({ period: fiveMinutes, statistic: 'p95' });

    alarm('JobsDeadLetterDepth', 'Jobs are waiting in the dead-letter queue: the dead-letter handler could not mark their runs failed.', jobsDeadLetterDepth);
    // The dead-letter handler empties the DLQ within seconds, so its invocations, not the depth, say a job died.
    alarm(
      'JobsDeadLettered',
      'A job crashed or timed out on every attempt and was dead-lettered; its run is marked failed. See the worker logs.',
      deadLettered,
    );
    alarm('WorkerErrors', 'The worker crashed or timed out (function errors, not failed jobs).', workerErrors);
    alarm(
      'WorkerThrottles',
      "Lambda throttled the worker: the account's concurrency is exhausted (the queue's maximum concurrency alone never throttles). Jobs wait meanwhile.",
      workerThrottles,
    );
    alarm(
      'DeadLetterHandlerErrors',
      'The dead-letter handler failed: runs may stay "running" forever.',
      props.deadLetterHandler.metricErrors({ period: fiveMinutes }),
    );
    alarm('Api5xx', 'The API answered with server errors.', api5xx);
    alarm(
      'ApiLatency',
      'The slowest 5% of API requests took 5 seconds or more for 15 minutes: look at the API logs and traces (DynamoDB, SQS, Scheduler).',
      apiLatencyP95,
      5000,
      3,
    );
    alarm(
      'SchedulerDeadLetterDepth',
      'EventBridge Scheduler could not deliver scheduled runs to the jobs queue; the messages wait in its dead-letter queue.',
      schedulerDeadLetterDepth,
    );
    alarm(
      'JobsBacklogStuck',
      'The oldest job has waited two visibility timeouts: the worker is not keeping up, keeps failing it, or is not running.',
      oldestJob,
      // A job retried after a failure legitimately waits one visibility timeout; two means something is wrong.
      props.jobsVisibilityTimeout.toSeconds() * 2,
    );

    const sesBounce = new Metric({ namespace: 'AWS/SES', metricName: 'Bounce', statistic: 'Sum', period: fiveMinutes });
    const sesComplaint = new Metric({ namespace: 'AWS/SES', metricName: 'Complaint', statistic: 'Sum', period: fiveMinutes });
    const sesSend = new Metric({ namespace: 'AWS/SES', metricName: 'Send', statistic: 'Sum', period: fiveMinutes });
    if (props.sendsThroughSes) {
      alarm(
        'SesBounceRate',
        "The account's SES bounce rate reached 5%, where SES starts reviewing the account (at 10% it may stop sending): check the report recipients. Account-wide: other senders in the account count too.",
        new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }),
        0.05,
      );
    }

    const t = dashboardWidgetTitles;
    const graph = (title: string, left: IMetric[], right: IMetric[] = []): GraphWidget =>
      new GraphWidget({ title, left, right, width: 12, height: 6, leftYAxis: { min: 0 }, ...(right.length ? { rightYAxis: { min: 0 } } : {}) });
    const widgets: IWidget[][] = [
      [
        graph(
          t.runs,
          [
            search('runs_total', 'Sum', { where: { outcome: 'succeeded' }, sum: 'Succeeded' }),
            search('runs_total', 'Sum', { where: { outcome: 'failed' }, sum: 'Failed' }),
          ],
          [search('runs_requested_total', 'Sum', { sum: 'Requested' })],
        ),
        graph(t.failures, [search('runs_total', 'Sum', { where: { outcome: 'failed' } })]),
      ],
      [graph(t.stagesP50, [search('stage_duration_seconds', 'p50')]), graph(t.stagesP95, [search('stage_duration_seconds', 'p95')])],
      [
        graph(
          t.openStack,
          [search('openstack_errors_total', 'Sum')],
          [search('openstack_requests_total', 'Sum', { sum: 'Requests' }), search('openstack_retries_total', 'Sum', { sum: 'Retries' })],
        ),
        graph(t.deliveries, [search('delivery_failures_total', 'Sum')], [search('delivery_attempts_total', 'Sum')]),
      ],
      [
        graph(
          t.deadLetters,
          [jobsDeadLetterDepth.with({ label: 'Jobs DLQ depth' }), schedulerDeadLetterDepth.with({ label: 'Scheduler DLQ depth' })],
          [deadLettered.with({ label: 'Jobs dead-lettered' })],
        ),
        graph(
          t.backlog,
          [props.jobsQueue.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum', label: 'Jobs waiting' })],
          [oldestJob.with({ label: 'Oldest job waiting (s)' }), search('queue_age_seconds', 'p95')],
        ),
      ],
      [
        graph(
          t.worker,
          [
            workerErrors.with({ label: 'Worker errors' }),
            workerThrottles.with({ label: 'Worker throttles' }),
            props.deadLetterHandler.metricErrors({ period: fiveMinutes, label: 'Dead-letter handler errors' }),
          ],
          [props.worker.metricDuration({ period: fiveMinutes, statistic: 'p95', label: 'Worker duration p95 (ms)' })],
        ),
        graph(
          t.apiErrors,
          [api5xx.with({ label: '5xx' }), props.api.metricClientError({ period: fiveMinutes, statistic: 'Sum', label: '4xx' })],
          [props.api.metricCount({ period: fiveMinutes, statistic: 'Sum', label: 'Requests' })],
        ),
      ],
      [
        graph(t.apiLatency, [
          props.api.metricLatency({ period: fiveMinutes, statistic: 'p50', label: 'Latency p50' }),
          apiLatencyP95.with({ label: 'Latency p95' }),
          props.api.metricIntegrationLatency({ period: fiveMinutes, statistic: 'p95', label: 'Integration latency p95' }),
        ]),
        ...(props.sendsThroughSes
          ? [graph(t.ses, [sesBounce.with({ label: 'Bounces' }), sesComplaint.with({ label: 'Complaints' })], [sesSend.with({ label: 'Sent' })])]
          : []),
      ],
      [new AlarmStatusWidget({ title: t.alarms, alarms: this.alarms, width: 24, height: 4 })],
    ];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      // Stack names are unique per account and region, and so is this.
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.days(1),
      widgets,
    });
  }

  /**
   * The functions export their OpenTelemetry spans as OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (src/wiring/telemetry.ts);
   * on Lambda a collector layer receives them beside the function and sends them to X-Ray, with the
   * X-Ray permissions active tracing already grants.
   */
  private addCollectorLayer(functions: readonly LambdaFunction[], layerArnTemplate: string): void {
    const layers = new Map<string, ILayerVersion>();
    for (const fn of functions) {
      const arch = fn.architecture === Architecture.ARM_64 ? 'arm64' : 'amd64';
      const arn = layerArnTemplate.replaceAll('{arch}', arch);
      let layer = layers.get(arn);
      if (!layer) layers.set(arn, (layer = LayerVersion.fromLayerVersionArn(this, `OtelCollector-${arch}`, arn)));
      fn.addLayers(layer);
      fn.addEnvironment('OTEL_EXPORTER_OTLP_ENDPOINT', otelCollectorEndpoint);
    }
  }

  /**
   * An SNS topic for the alarms, encrypted with a key of its own (CloudWatch cannot publish to a topic
   * under the AWS managed `alias/aws/sns` key, whose policy cannot be changed) and refusing requests without TLS.
   */
  private createTopic(): Topic {
    const stack = Stack.of(this);
    const key = new Key(this, 'AlarmTopicKey', { enableKeyRotation: true, description: `${stack.stackName}: encrypts the alarm topic` });
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }) },
    };
    key.addToResourcePolicy(
      new PolicyStatement({ principals: [cloudWatch], actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: ['*'], conditions: fromOurAlarms }),
    );
    const topic = new Topic(this, 'AlarmTopicCreated', { masterKey: key, enforceSSL: true, displayName: `${stack.stackName} alarms` });
    topic.addToResourcePolicy(
      new PolicyStatement({ principals: [cloudWatch], actions: ['sns:Publish'], resources: [topic.topicArn], conditions: fromOurAlarms }),
    );
    return topic;
  }
}
