import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardWidgetTitles } from '../../infra/constructs/observability';
import { contextPrefix, readSettings } from '../../infra/settings';
import { cloudWatchNamespace, metricCatalogue, type MetricName } from '../../src/domain/metric-catalogue';
import { logicalIdOf, resourceOf, synth, type Synthesized } from './synth';

/** The stack's own functions: not CDK's BucketDeployment copy function, which publishes the web console. */
function ourFunctions(s: Synthesized): ReturnType<Synthesized['template']['findResources']> {
  const copier = s.stack.console ? logicalIdOf(s.stack.console.deploymentFunction) : undefined;
  return Object.fromEntries(Object.entries(s.template.findResources('AWS::Lambda::Function')).filter(([id]) => id !== copier));
}

const c = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [`${contextPrefix}${k}`, v]));

/** The dashboard body as CloudFormation holds it (a join of text and references), as one string. */
function dashboardBody(s: Synthesized): string {
  const body = resourceOf(s, s.stack.observability.dashboard).Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  return body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('');
}

function widgetTitles(s: Synthesized): string[] {
  return [...dashboardBody(s).matchAll(/"title":"([^"]+)"/g)].map((m) => m[1]!);
}

function compliant(s: Synthesized): void {
  for (const pack of s.packs) {
    const { violations } = pack.validateScope(s.app);
    expect(violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  }
}

describe('observability with the default context (no topic given, no e-mail, no SES sender)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth();
  });
  afterAll(() => s?.cleanup());

  it('creates a dashboard named after the stack with every widget but SES', () => {
    expect(resourceOf(s, s.stack.observability.dashboard).Properties.DashboardName).toBe('OpenStackReports');
    const { ses, ...rest } = dashboardWidgetTitles;
    expect(widgetTitles(s)).toEqual(Object.values(rest));
    expect(widgetTitles(s)).not.toContain(ses);
  });

  it("graphs the functions' embedded metrics by the catalogue's names, in its namespace", () => {
    const body = dashboardBody(s);
    // The body is JSON inside a template: its quotes arrive escaped.
    const q = (text: string) => text.replace(/"/g, '\\"');
    const searched = new Set([...body.matchAll(/MetricName=\\"(\w+)\\"/g)].map((m) => m[1]));
    const graphed: MetricName[] = [
      'runs_total',
      'runs_requested_total',
      'stage_duration_seconds',
      'openstack_errors_total',
      'openstack_requests_total',
      'openstack_retries_total',
      'delivery_attempts_total',
      'delivery_failures_total',
      'queue_age_seconds',
    ];
    expect(searched).toEqual(new Set(graphed));
    for (const name of searched) expect(Object.keys(metricCatalogue)).toContain(name);
    expect(body).toContain(q(`SUM(SEARCH('Namespace="${cloudWatchNamespace}" MetricName="runs_total" outcome="succeeded"', 'Sum', 300))`));
    expect(body).toContain(q(`SEARCH('Namespace="${cloudWatchNamespace}" MetricName="stage_duration_seconds"', 'p50', 300)`));
    expect(body).toContain(q(`SEARCH('Namespace="${cloudWatchNamespace}" MetricName="stage_duration_seconds"', 'p95', 300)`));
  });

  it('graphs dead letters, worker errors and throttles, API 5xx and latency from the AWS metrics', () => {
    const body = dashboardBody(s);
    for (const m of ['"AWS/SQS","ApproximateNumberOfMessagesVisible"', '"AWS/Lambda","Throttles"', '"AWS/ApiGateway","5xx"', '"AWS/ApiGateway","Latency"']) {
      expect(body).toContain(m);
    }
  });

  it('creates an encrypted alarm topic that refuses requests without TLS and lets only CloudWatch alarms of this account publish', () => {
    const topics = s.template.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(1);
    const [topic] = Object.values(topics);
    expect(topic!.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/AlarmTopicKey/), 'Arn'] });
    s.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    s.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }),
          }),
        ]),
      },
    });
  });

  it('has every alarm notify the created topic when it fires and when it clears', () => {
    const topic = { Ref: logicalIdOf(s.stack.observability.alarmTopic as never) };
    const alarms = Object.values(s.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBe(s.stack.observability.alarms.length);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions).toEqual([topic]);
      expect(a.Properties.OKActions).toEqual([topic]);
    }
  });

  it('alarms on worker throttles and on API latency, and not on SES without an SES sender', () => {
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(s.stack.worker.worker.function) } }],
    });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      ExtendedStatistic: 'p95',
      Threshold: 5000,
    });
    expect(JSON.stringify(s.template.findResources('AWS::CloudWatch::Alarm'))).not.toContain('AWS/SES');
  });

  it('subscribes no one to the topic', () => {
    s.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('adds no collector layer and no OTLP endpoint: the functions export no spans', () => {
    for (const f of Object.values(ourFunctions(s))) {
      expect(f.Properties.Layers).toBeUndefined();
      expect(f.Properties.Environment.Variables).not.toHaveProperty('OTEL_EXPORTER_OTLP_ENDPOINT');
    }
  });

  it('traces every function actively, and lets each write to X-Ray', () => {
    const functions = Object.entries(ourFunctions(s));
    expect(functions).toHaveLength(3);
    const policies = JSON.stringify(s.template.findResources('AWS::IAM::Policy'));
    for (const [, f] of functions) expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    for (const fn of [s.stack.api.handler, s.stack.worker.worker, s.stack.worker.deadLetterHandler]) {
      const policy = Object.values(s.template.findResources('AWS::IAM::Policy')).find(
        (p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: logicalIdOf(fn.role) }]) && JSON.stringify(p).includes('xray:PutTraceSegments'),
      );
      expect(policy, `X-Ray permissions of ${fn.node.path}`).toBeDefined();
    }
    expect(policies).toContain('xray:PutTelemetryRecords');
  });

  it('gives each function its own service name, so its logs and metrics say which it was', () => {
    const names = [s.stack.api.handler, s.stack.worker.worker, s.stack.worker.deadLetterHandler].map(
      (fn) => (resourceOf(s, fn.function).Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME,
    );
    expect(names).toEqual(['openstack-reports-api', 'openstack-reports-worker', 'openstack-reports-dead-letter']);
  });
});

describe('observability with an alarm e-mail and an SES sender', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ context: c({ alarmEmail: 'ops@example.com', sesFromAddress: 'reports@example.com' }) });
  });
  afterAll(() => s?.cleanup());

  it('passes cdk-nag', () => compliant(s));

  it('subscribes the address to the created topic by e-mail', () => {
    s.template.resourceCountIs('AWS::SNS::Subscription', 1);
    s.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: logicalIdOf(s.stack.observability.alarmTopic as never) },
    });
  });

  it("graphs SES bounces and alarms on the account's bounce rate", () => {
    expect(widgetTitles(s)).toContain(dashboardWidgetTitles.ses);
    expect(dashboardBody(s)).toContain('"AWS/SES","Bounce"');
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SES', MetricName: 'Reputation.BounceRate', Threshold: 0.05 });
  });
});

describe('observability with an OpenTelemetry collector layer', () => {
  const layer = 'arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-collector-{arch}-ver-0-115-0:3';
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ context: c({ otelCollectorLayerArn: layer }) });
  });
  afterAll(() => s?.cleanup());

  it('passes cdk-nag', () => compliant(s));

  it("gives every function the layer of its architecture and the collector's local OTLP endpoint", () => {
    const layersOf = (fn: Parameters<typeof resourceOf>[1]) => resourceOf(s, fn).Properties.Layers;
    expect(layersOf(s.stack.worker.worker.function)).toEqual([layer.replace('{arch}', 'amd64')]);
    expect(layersOf(s.stack.api.handler.function)).toEqual([layer.replace('{arch}', 'arm64')]);
    expect(layersOf(s.stack.worker.deadLetterHandler.function)).toEqual([layer.replace('{arch}', 'arm64')]);
    for (const f of Object.values(ourFunctions(s))) {
      expect(f.Properties.Environment.Variables.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://localhost:4318');
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });
});

describe('observability with a given alarm topic and an e-mail', () => {
  const topicArn = 'arn:aws:sns:eu-west-1:123456789012:ops-alarms';
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ context: c({ alarmTopicArn: topicArn, alarmEmail: 'ops@example.com' }) });
  });
  afterAll(() => s?.cleanup());

  it('creates no topic nor key, and subscribes the address to the given topic', () => {
    s.template.resourceCountIs('AWS::SNS::Topic', 0);
    s.template.resourceCountIs('AWS::KMS::Key', 0);
    s.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: topicArn });
  });

  it('has every alarm notify the given topic', () => {
    for (const a of Object.values(s.template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(a.Properties.AlarmActions).toEqual([topicArn]);
      expect(a.Properties.OKActions).toEqual([topicArn]);
    }
  });
});

describe('alarm settings', () => {
  const settingsOf = (values: Record<string, unknown>) => readSettings(new App({ context: c(values) }).node);

  it('reads an alarm e-mail address, none by default', () => {
    expect(settingsOf({}).alarmEmail).toBe('');
    expect(settingsOf({ alarmEmail: ' ops@example.com ' }).alarmEmail).toBe('ops@example.com');
  });

  it.each([
    [{ alarmEmail: 'ops' }, /alarmEmail must be one bare e-mail address/],
    [{ alarmEmail: 'Ops <ops@example.com>' }, /alarmEmail must be one bare e-mail address/],
    [{ alarmEmail: 'a@example.com,b@example.com' }, /alarmEmail must be one bare e-mail address/],
    [{ alarmTopicArn: 'arn:aws:sqs:eu-west-1:123456789012:q' }, /alarmTopicArn must be an SNS topic ARN/],
    [{ alarmTopicArn: 'ops-alarms' }, /alarmTopicArn must be an SNS topic ARN/],
    [{ otelCollectorLayerArn: 'aws-otel-collector' }, /otelCollectorLayerArn must be a Lambda layer version ARN/],
    [{ otelCollectorLayerArn: 'arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-collector' }, /otelCollectorLayerArn must be a Lambda layer version ARN/],
  ])('rejects %o, naming the key', (values, message) => {
    expect(() => settingsOf(values)).toThrow(message);
  });
});
