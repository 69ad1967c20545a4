import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsConfigSchema } from '../../src/wiring/config';
import { apiScopes, publicRoutes, resourceServerIdentifier } from '../../infra/constructs/api';
import { builtConsoleDir, spaRoutesFunctionCode } from '../../infra/constructs/console';
import {
  asArray,
  cfnText,
  consoleCsp,
  consoleFixtureDir,
  deployedConsoleConfig,
  logicalIdOf,
  policyStatements,
  resourceOf,
  synth,
  type Synthesized,
} from './synth';

// The stack as `cdk synth` builds it from cdk.json (Cognito user pool, no fixed SES sender), without bundling.
let s: Synthesized;
beforeAll(() => {
  s = synth();
});
afterAll(() => s?.cleanup());

const tlsOnly = Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);

function env(construct: Parameters<typeof resourceOf>[1]): Record<string, unknown> {
  return (resourceOf(s, construct).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

describe('compliance', () => {
  it('leaves no cdk-nag finding of the AwsSolutions and Serverless packs unacknowledged', () => {
    // cdk-nag v3 reports through CDK policy validation, not annotations: ask the packs directly.
    for (const pack of s.packs) {
      const { violations } = pack.validateScope(s.app);
      expect(violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
  });

  it('grants no wildcard action, and "*" resources only to X-Ray, which has no resource-level permissions', () => {
    // BucketDeployment's role gets CDK's S3 grants (s3:GetObject* …); the console tests check they stay on two buckets.
    const deploymentPolicy = logicalIdOf(s.stack.console!.deploymentRole.node.findChild('DefaultPolicy'));
    const statements = policyStatements(s.template).filter((p) => p.statement.Effect === 'Allow' && p.owner !== deploymentPolicy);
    expect(statements.length).toBeGreaterThan(10);
    for (const { owner, statement } of statements) {
      for (const action of asArray(statement.Action)) expect(action, `${owner}: ${action}`).not.toContain('*');
      if (asArray(statement.Resource).includes('*')) {
        expect(
          asArray(statement.Action).every((a) => a.startsWith('xray:')),
          `${owner}: ${JSON.stringify(statement.Action)} on "*"`,
        ).toBe(true);
      }
    }
  });

  it('uses no AWS managed policies', () => {
    for (const role of Object.values(s.template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('queue', () => {
  it('keeps jobs invisible for at least six worker timeouts and dead-letters them after maxReceiveCount receives', () => {
    const worker = resourceOf(s, s.stack.worker.worker.function).Properties;
    const jobs = resourceOf(s, s.stack.queue.jobs).Properties;
    expect(jobs.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (worker.Timeout as number));
    expect(jobs.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(s.stack.queue.deadLetters), 'Arn'] },
      maxReceiveCount: 3,
    });
  });

  it('keeps dead letters 14 days, long enough for their consumer', () => {
    const dlq = resourceOf(s, s.stack.queue.deadLetters).Properties;
    const handler = resourceOf(s, s.stack.worker.deadLetterHandler.function).Properties;
    expect(dlq.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    expect(dlq.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (handler.Timeout as number));
  });

  it('encrypts every queue and refuses requests without TLS', () => {
    const queues = s.template.findResources('AWS::SQS::Queue');
    expect(Object.keys(queues)).toHaveLength(3);
    for (const q of Object.values(queues)) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    for (const id of Object.keys(queues)) {
      s.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: { Statement: tlsOnly },
      });
    }
  });
});

describe('worker', () => {
  it('is sized for Chromium: memory, timeout, runtime, architecture, ephemeral storage', () => {
    expect(resourceOf(s, s.stack.worker.worker.function).Properties).toMatchObject({
      MemorySize: 3008,
      Timeout: 600,
      Runtime: 'nodejs22.x',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 2048 },
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logicalIdOf(s.stack.worker.worker.logGroup) } },
    });
  });

  it('consumes the jobs queue in small batches, reporting failures per item, with bounded concurrency', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(s.stack.queue.jobs), 'Arn'] },
      FunctionName: { Ref: logicalIdOf(s.stack.worker.worker.function) },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('has the dead-letter handler consume the dead-letter queue, reporting failures per item', () => {
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(s.stack.queue.deadLetters), 'Arn'] },
      FunctionName: { Ref: logicalIdOf(s.stack.worker.deadLetterHandler.function) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });
});

describe('environment', () => {
  // Optional and unset here: no fixed sender or reply-to in cdk.json.
  // Optional settings the stack leaves out until their context keys are given (variants.test.ts covers them).
  const unsetByDefault = new Set([
    'SES_FROM',
    'SES_REPLY_TO',
    'PRICE_LIST',
    'BRANDING',
    'SMTP_URL',
    'SMTP_SECRET_ID',
    'MAIL_FROM',
    'MAIL_REPLY_TO',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'OTEL_SERVICE_NAME',
  ]);
  const expected = [
    ...Object.keys(awsConfigSchema.shape).filter((k) => !unsetByDefault.has(k) && k !== 'POWERTOOLS_SERVICE_NAME'),
    'POWERTOOLS_SERVICE_NAME',
    'POWERTOOLS_LOG_LEVEL',
  ];

  it.each([
    ['API', () => s.stack.api.handler.function],
    ['worker', () => s.stack.worker.worker.function],
    ['dead-letter handler', () => s.stack.worker.deadLetterHandler.function],
  ])('sets every variable src/wiring/config.ts reads on the %s', (_name, fn) => {
    const variables = env(fn());
    expect(Object.keys(variables).sort()).toEqual(expect.arrayContaining(expected.sort()));
    expect(variables).toMatchObject({
      RUNS_TABLE: { Ref: logicalIdOf(s.stack.storage.runsTable) },
      SCHEDULES_TABLE: { Ref: logicalIdOf(s.stack.storage.schedulesTable) },
      ARTIFACTS_BUCKET: { Ref: logicalIdOf(s.stack.storage.artifactsBucket) },
      JOBS_QUEUE_URL: { Ref: logicalIdOf(s.stack.queue.jobs) },
      MAX_RECEIVE_COUNT: '3',
      MAX_QUEUED_RUNS_PER_OWNER: '20',
      DOWNLOAD_URL_TTL_SECONDS: '900',
      OPENSTACK_SECRET_ID: 'openstack-reports/clouds',
      SCHEDULE_GROUP: 'OpenStackReports',
      SCHEDULER_ROLE_ARN: { 'Fn::GetAtt': [logicalIdOf(s.stack.schedules.role), 'Arn'] },
      SCHEDULER_DLQ_ARN: { 'Fn::GetAtt': [logicalIdOf(s.stack.schedules.deadLetters), 'Arn'] },
      AUTH_OWNER_CLAIM: 'sub',
      // The user pool's resource server prefixes the scopes it issues.
      AUTH_SCOPE_PREFIX: resourceServerIdentifier,
      POWERTOOLS_LOG_LEVEL: 'INFO',
      // The console's origin, which serves the API under /v1 too: links in API responses are same-origin for the console.
      PUBLIC_BASE_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalIdOf(s.stack.console!.distribution), 'DomainName'] }]] },
    });
    for (const k of unsetByDefault) expect(variables).not.toHaveProperty(k);
  });
});

describe('storage', () => {
  it('keys the runs table by id with the owner, owner+status and creation indexes, and expires items', () => {
    const gsi = (name: string, pk: string) => ({
      IndexName: name,
      KeySchema: [
        { AttributeName: pk, KeyType: 'HASH' },
        { AttributeName: 'createdKey', KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    });
    expect(resourceOf(s, s.stack.storage.runsTable).Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        gsi('byOwner', 'owner'),
        gsi('byOwnerStatus', 'ownerStatus'),
        gsi('byCreated', 'listAll'),
        gsi('byActiveStatus', 'activeStatus'),
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('keys the schedules table by id with an owner index', () => {
    expect(resourceOf(s, s.stack.storage.schedulesTable).Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byOwner',
          KeySchema: [
            { AttributeName: 'owner', KeyType: 'HASH' },
            { AttributeName: 'createdKey', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('retains the tables and the bucket when the stack is deleted', () => {
    for (const c of [s.stack.storage.runsTable, s.stack.storage.schedulesTable, s.stack.storage.artifactsBucket]) {
      expect(s.template.toJSON().Resources[logicalIdOf(c)].DeletionPolicy).toBe('Retain');
    }
  });

  it('keeps artifacts private, encrypted, unversioned, expiring, and logs access to the logs bucket', () => {
    const bucket = resourceOf(s, s.stack.storage.artifactsBucket).Properties;
    expect(bucket).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: { Rules: expect.arrayContaining([expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' })]) },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalIdOf(s.stack.storage.accessLogsBucket) } },
    });
    expect(bucket).not.toHaveProperty('VersioningConfiguration');
    // The console reads artifacts through presigned URLs: GET and HEAD from a page, nothing that writes.
    expect(bucket.CorsConfiguration).toEqual({
      CorsRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'HEAD'], AllowedHeaders: ['*'], MaxAge: 3600 }],
    });
  });

  it('refuses S3 requests without TLS on both buckets', () => {
    for (const b of [s.stack.storage.artifactsBucket, s.stack.storage.accessLogsBucket]) {
      s.template.hasResourceProperties('AWS::S3::BucketPolicy', { Bucket: { Ref: logicalIdOf(b) }, PolicyDocument: { Statement: tlsOnly } });
    }
  });
});

describe('schedules', () => {
  it('creates the schedule group named after the stack', () => {
    s.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'OpenStackReports' });
  });

  it('lets only EventBridge Scheduler of this account and group assume the scheduler role', () => {
    expect(resourceOf(s, s.stack.schedules.role).Properties.AssumeRolePolicyDocument).toMatchObject({
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': { Ref: 'AWS::AccountId' },
              'aws:SourceArn': { 'Fn::GetAtt': [logicalIdOf(s.stack.schedules.group), 'Arn'] },
            },
          },
        },
      ],
    });
  });

  it('allows the scheduler role sqs:SendMessage on the jobs queue and its own dead-letter queue, nothing else', () => {
    const role = logicalIdOf(s.stack.schedules.role);
    const statements = policyStatements(s.template).filter((p) => JSON.stringify(p.roles).includes(`"${role}"`));
    expect(statements.map((p) => p.statement)).toEqual([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [logicalIdOf(s.stack.queue.jobs), 'Arn'] } },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [logicalIdOf(s.stack.schedules.deadLetters), 'Arn'] } },
    ]);
  });

  it('lets the API manage schedules of its group only and pass the scheduler role to Scheduler only', () => {
    const api = logicalIdOf(s.stack.api.handler.role);
    const statements = policyStatements(s.template)
      .filter((p) => JSON.stringify(p.roles).includes(`"${api}"`))
      .map((p) => p.statement);
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
      Resource: {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':schedule/OpenStackReports/*'],
        ],
      },
    });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': [logicalIdOf(s.stack.schedules.role), 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    });
  });
});

describe('permissions by function', () => {
  const actionsOf = (role: Parameters<typeof logicalIdOf>[0]) => {
    const id = logicalIdOf(role);
    return policyStatements(s.template)
      .filter((p) => JSON.stringify(p.roles).includes(`"${id}"`))
      .flatMap((p) => asArray(p.statement.Action));
  };

  it('grants no one SES while no sender is configured (the API refuses e-mail deliveries then)', () => {
    const sesPolicies = policyStatements(s.template).filter((p) => asArray(p.statement.Action).some((a) => a.startsWith('ses:')));
    expect(sesPolicies).toEqual([]);
  });

  it('gives the API read and delete on artifacts but not write', () => {
    const actions = actionsOf(s.stack.api.handler.role);
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:DeleteObject', 's3:ListBucket', 'sqs:SendMessage', 'secretsmanager:GetSecretValue']));
    expect(actions).not.toContain('s3:PutObject');
  });

  it('gives the worker read and write on artifacts but not delete, nor schedule management', () => {
    const actions = actionsOf(s.stack.worker.worker.role);
    expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'secretsmanager:GetSecretValue', 'dynamodb:PutItem']));
    expect(actions).not.toContain('s3:DeleteObject');
    expect(actions.some((a) => a.startsWith('scheduler:') || a === 'iam:PassRole')).toBe(false);
  });

  it('gives the dead-letter handler the runs table and its queue only', () => {
    const actions = new Set(actionsOf(s.stack.worker.deadLetterHandler.role).map((a) => a.split(':')[0]));
    expect([...actions].sort()).toEqual(['dynamodb', 'logs', 'sqs', 'xray']);
    const tables = JSON.stringify(
      policyStatements(s.template).filter((p) => JSON.stringify(p.roles).includes(logicalIdOf(s.stack.worker.deadLetterHandler.role))),
    );
    expect(tables).not.toContain(logicalIdOf(s.stack.storage.schedulesTable));
  });

  it('reads the OpenStack secret by name and never holds its value', () => {
    expect(s.template.findResources('AWS::SecretsManager::Secret')).toEqual({});
    const secretStatements = policyStatements(s.template).filter((p) => asArray(p.statement.Action).includes('secretsmanager:GetSecretValue'));
    expect(secretStatements.map((p) => p.roles)).toHaveLength(2);
    expect(secretStatements.map((p) => p.roles)).toEqual(
      expect.arrayContaining([[{ Ref: logicalIdOf(s.stack.api.handler.role) }], [{ Ref: logicalIdOf(s.stack.worker.worker.role) }]]),
    );
    for (const p of secretStatements) expect(JSON.stringify(p.statement.Resource)).toContain(':secret:openstack-reports/clouds-??????');
  });
});

describe('api', () => {
  it('protects ANY /v1/{proxy+} with the JWT authorizer and leaves health and documentation public', () => {
    const routes = Object.values(s.template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    const byKey = Object.fromEntries(routes.map((r) => [r.RouteKey, r]));
    expect(Object.keys(byKey).sort()).toEqual(['ANY /v1/{proxy+}', ...publicRoutes.map((p) => `GET ${p}`)].sort());
    expect(byKey['ANY /v1/{proxy+}']).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: expect.any(String) } });
    for (const p of publicRoutes) expect(byKey[`GET ${p}`].AuthorizationType).toBe('NONE');
  });

  it("trusts the created Cognito user pool as issuer, and its client and the console's as audience", () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(s.stack.api.cognito!.client) }, { Ref: logicalIdOf(s.stack.console!.userPoolClient!) }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith([{ Ref: logicalIdOf(s.stack.api.cognito!.userPool) }])] },
      },
    });
  });

  it('offers the API scopes through a client-credentials client that is not admin', () => {
    s.template.hasResourceProperties('AWS::Cognito::UserPoolResourceServer', {
      Identifier: resourceServerIdentifier,
      Scopes: apiScopes.map((scope) => ({ ScopeName: scope, ScopeDescription: Match.anyValue() })),
    });
    const client = resourceOf(s, s.stack.api.cognito!.client).Properties;
    expect(client).toMatchObject({ GenerateSecret: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthFlowsUserPoolClient: true });
    expect(client).not.toHaveProperty('CallbackURLs');
    expect(JSON.stringify(client.AllowedOAuthScopes)).not.toContain('/admin');
    expect((client.AllowedOAuthScopes as unknown[]).length).toBe(4);
  });

  it('throttles the default stage and writes JSON access logs to a log group with retention', () => {
    const stage = Object.values(s.template.findResources('AWS::ApiGatewayV2::Stage'))[0].Properties;
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [logicalIdOf(s.stack.api.accessLogs), 'Arn'] } },
    });
    expect(JSON.parse(stage.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
  });

  it('configures no CORS when no origin is allowed', () => {
    expect(resourceOf(s, s.stack.api.httpApi).Properties).not.toHaveProperty('CorsConfiguration');
  });

  it("runs the API function within API Gateway's 30-second integration limit", () => {
    expect(resourceOf(s, s.stack.api.handler.function).Properties).toMatchObject({ Runtime: 'nodejs22.x', Timeout: 29, Handler: 'index.handler' });
  });
});

describe('observability', () => {
  it('keeps every log group 30 days', () => {
    const groups = Object.values(s.template.findResources('AWS::Logs::LogGroup'));
    // API access logs, the three functions', and the console's copy function's.
    expect(groups).toHaveLength(5);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('gives every function of ours its own log group, JSON logs and active tracing', () => {
    const functions = s.template.findResources('AWS::Lambda::Function');
    // BucketDeployment's copy function is CDK's (Python, run by CloudFormation): its own log group only.
    const copier = logicalIdOf(s.stack.console!.deploymentFunction);
    expect(functions[copier]?.Properties.LoggingConfig).toEqual({ LogGroup: { Ref: logicalIdOf(s.stack.console!.deploymentFunction.logGroup) } });
    const ours = Object.entries(functions).filter(([id]) => id !== copier);
    expect(ours).toHaveLength(3);
    for (const [, f] of ours) {
      expect(f.Properties).toMatchObject({ LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } }, TracingConfig: { Mode: 'Active' } });
    }
  });

  it('alarms on jobs in the dead-letter queue and on worker errors', () => {
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(s.stack.queue.deadLetters), 'QueueName'] } }],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
    });
    s.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(s.stack.worker.worker.function) } }],
      Threshold: 1,
    });
  });

  it('outputs what a client and an operator need', () => {
    expect(Object.keys(s.template.toJSON().Outputs).sort()).toEqual(
      ['ApiUrl', 'ArtifactsBucketName', 'ConsoleUrl', 'JobsQueueUrl', 'JwtIssuer', 'ScheduleGroupName', 'TokenUrl', 'UserPoolClientId', 'UserPoolId'].sort(),
    );
  });
});

/** The parts of AWS::CloudFront::Distribution's DistributionConfig these tests read. */
interface DistributionConfigJson {
  Origins: Array<{ Id: string; DomainName: unknown; S3OriginConfig?: object; CustomOriginConfig?: object }>;
  DefaultCacheBehavior: {
    ResponseHeadersPolicyId: unknown;
    FunctionAssociations: Array<{ EventType: string; FunctionARN: { 'Fn::GetAtt': [string, string] } }>;
  };
  CacheBehaviors: Array<{ PathPattern: string; TargetOriginId: string }>;
}

describe('console', () => {
  const c = () => s.stack.console!;
  const id = (construct: Parameters<typeof logicalIdOf>[0]) => logicalIdOf(construct);
  const distributionConfig = () => resourceOf(s, c().distribution).Properties.DistributionConfig as DistributionConfigJson;
  const cognitoBase = () => `https://{Ref:${id(s.stack.api.cognito!.domain)}}.auth.{Ref:AWS::Region}.amazoncognito.com`;
  const consoleUrl = () => `https://{${id(c().distribution)}.DomainName}`;

  it('keeps the console bucket private, encrypted, TLS only and access-logged, readable by this distribution alone', () => {
    expect(resourceOf(s, c().bucket).Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: { Ref: id(s.stack.storage.accessLogsBucket) }, LogFilePrefix: 'console/' },
    });
    const policies = Object.values(s.template.findResources('AWS::S3::BucketPolicy')).filter((p) => p.Properties.Bucket.Ref === id(c().bucket));
    expect(policies).toHaveLength(1);
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', { Bucket: { Ref: id(c().bucket) }, PolicyDocument: { Statement: tlsOnly } });
    const statements = policies[0].Properties.PolicyDocument.Statement as Array<{ Effect: string; Condition: { StringEquals: Record<string, unknown> } }>;
    const allows = statements.filter((st) => st.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id(c().bucket), 'Arn'] }, '/*']] },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      },
    ]);
    expect(cfnText(allows[0].Condition.StringEquals['AWS:SourceArn'])).toContain(`distribution/{Ref:${id(c().distribution)}}`);
  });

  it('serves the bucket through origin access control, HTTPS only, index.html at the root, logged', () => {
    const config = distributionConfig();
    const [bucketOrigin] = config.Origins.filter((o) => o.S3OriginConfig);
    expect(bucketOrigin).toMatchObject({
      DomainName: { 'Fn::GetAtt': [id(c().bucket), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.any(String), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    s.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    expect(config).toMatchObject({
      DefaultRootObject: 'index.html',
      DefaultCacheBehavior: { TargetOriginId: bucketOrigin.Id, ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] },
      Logging: { Bucket: { 'Fn::GetAtt': [id(c().logsBucket), 'RegionalDomainName'] } },
    });
    // Error pages would apply to /v1/* as well and turn the API's 403 and 404 problems into the console page.
    expect(config).not.toHaveProperty('CustomErrorResponses');
  });

  it('routes /v1/* to the HTTP API over HTTPS: every method, no caching, every viewer header but Host (so Authorization too)', () => {
    const config = distributionConfig();
    expect(config.CacheBehaviors).toHaveLength(1);
    const [api] = config.CacheBehaviors;
    expect(api).toMatchObject({
      PathPattern: '/v1/*',
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    });
    expect(api).not.toHaveProperty('FunctionAssociations');
    const origin = config.Origins.find((o) => o.Id === api.TargetOriginId)!;
    expect(cfnText(origin.DomainName)).toBe(`{Ref:${id(s.stack.api.httpApi)}}.execute-api.{Ref:AWS::Region}.{Ref:AWS::URLSuffix}`);
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('sends a strict Content-Security-Policy, HSTS, nosniff, no referrer and no framing with the console', () => {
    const config = distributionConfig();
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: id(c().responseHeadersPolicy) });
    const headers = resourceOf(s, c().responseHeadersPolicy).Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } };
    };
    const security = headers.SecurityHeadersConfig;
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      ContentSecurityPolicy: { Override: true },
    });
    const csp = consoleCsp(s);
    expect(csp).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      // Inline styles: a report's HTML is previewed in a sandboxed srcdoc frame, without scripts.
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'", cognitoBase(), `https://{${id(s.stack.storage.artifactsBucket)}.RegionalDomainName}`],
      'frame-src': ["'self'", 'blob:'],
      'manifest-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'", cognitoBase()],
      'frame-ancestors': ["'none'"],
    });
  });

  it('answers client routes with the console page and files as they are, on the bucket behaviour only', () => {
    const [association] = distributionConfig().DefaultCacheBehavior.FunctionAssociations;
    expect(association).toEqual({ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.any(String), 'FunctionARN'] } });
    const fn = s.template.toJSON().Resources[association.FunctionARN['Fn::GetAtt'][0]].Properties;
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.FunctionCode).toBe(spaRoutesFunctionCode);
    // The deployed code itself, run as CloudFront runs it: handler(event) → request.
    const handler = new Function(`${fn.FunctionCode}\nreturn handler;`)() as (e: { request: { uri: string } }) => { uri: string };
    const uriFor = (uri: string) => handler({ request: { uri } }).uri;
    expect(uriFor('/')).toBe('/index.html');
    expect(uriFor('/callback')).toBe('/index.html');
    expect(uriFor('/reports/01J9Z3')).toBe('/index.html');
    expect(uriFor('/app.js')).toBe('/app.js');
    expect(uriFor('/config.json')).toBe('/config.json');
    expect(uriFor('/assets/app.css')).toBe('/assets/app.css');
  });

  it('signs in through a public Cognito client: authorization code only, no secret, the API scopes but admin, back to the console', () => {
    const client = resourceOf(s, c().userPoolClient!).Properties;
    expect(client).toMatchObject({
      UserPoolId: { Ref: id(s.stack.api.cognito!.userPool) },
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      // No SRP or password API sign-in: the hosted UI only, and refreshing what it issued.
      ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect((client.CallbackURLs as unknown[]).map(cfnText)).toEqual([`${consoleUrl()}/callback`]);
    expect((client.LogoutURLs as unknown[]).map(cfnText)).toEqual([`${consoleUrl()}/`]);
    expect((client.AllowedOAuthScopes as unknown[]).map(cfnText)).toEqual([
      'openid',
      ...['reports:read', 'reports:write', 'schedules:read', 'schedules:write'].map((sc) => `{Ref:${id(s.stack.api.cognito!.resourceServer)}}/${sc}`),
    ]);
  });

  it('writes config.json beside the console files: same-origin API, the hosted UI endpoints, the client and its scopes', () => {
    const { config, deployment, filesDir } = deployedConsoleConfig(s);
    expect(deployment).toMatchObject({ DestinationBucketName: { Ref: id(c().bucket) }, Prune: true, SystemMetadata: { 'cache-control': 'no-cache' } });
    expect(existsSync(join(filesDir, 'index.html'))).toBe(true);
    expect(config).toEqual({
      apiBaseUrl: '',
      auth: {
        mode: 'oidc',
        issuer: `https://cognito-idp.{Ref:AWS::Region}.amazonaws.com/{Ref:${id(s.stack.api.cognito!.userPool)}}`,
        clientId: `{Ref:${id(c().userPoolClient!)}}`,
        authorizationEndpoint: `${cognitoBase()}/oauth2/authorize`,
        tokenEndpoint: `${cognitoBase()}/oauth2/token`,
        logoutEndpoint: `${cognitoBase()}/logout`,
        scopes: [
          'openid',
          'openstack-reports/reports:read',
          'openstack-reports/reports:write',
          'openstack-reports/schedules:read',
          'openstack-reports/schedules:write',
        ],
        redirectPath: '/callback',
      },
    });
    // The issuer config.json names is the one the authorizer trusts.
    const authorizer = Object.values(s.template.findResources('AWS::ApiGatewayV2::Authorizer'))[0].Properties;
    expect(cfnText(authorizer.JwtConfiguration.Issuer)).toBe((config as { auth: { issuer: string } }).auth.issuer);
  });

  it("lets the copy function's role touch only the console bucket, the CDK assets bucket and its own log group", () => {
    const role = id(c().deploymentRole);
    const statements = policyStatements(s.template).filter((p) => JSON.stringify(p.roles).includes(`"${role}"`));
    expect(statements.length).toBeGreaterThan(0);
    for (const { statement } of statements) {
      const resources = asArray(statement.Resource).map(cfnText);
      for (const resource of resources) {
        expect(resource).toMatch(
          new RegExp(
            `^(\\{${id(c().bucket)}\\.Arn\\}(/\\*)?|arn:\\{Ref:AWS::Partition\\}:s3:::cdk-[a-z0-9]+-assets-\\{Ref:AWS::AccountId\\}-\\{Ref:AWS::Region\\}(/\\*)?|\\{${id(c().deploymentFunction.logGroup)}\\.Arn\\})$`,
          ),
        );
      }
      for (const action of asArray(statement.Action)) expect(action).toMatch(/^(s3|logs):/);
    }
  });

  it('refuses to deploy a console that was never built, saying how to build it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'console-infra-empty-'));
    try {
      expect(() => builtConsoleDir(empty)).toThrow(`The web console is not built (${join(empty, 'index.html')} is missing): run npm run build`);
      expect(builtConsoleDir(consoleFixtureDir)).toBe(consoleFixtureDir);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('outputs the console URL', () => {
    expect(cfnText(s.template.toJSON().Outputs.ConsoleUrl.Value)).toBe(consoleUrl());
  });
});
