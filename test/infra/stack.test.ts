import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsConfigSchema } from '../../src/wiring/config';
import { apiScopes, publicRoutes, resourceServerIdentifier } from '../../infra/constructs/api';
import { asArray, logicalIdOf, policyStatements, resourceOf, synth, type Synthesized } from './synth';

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
    const statements = policyStatements(s.template).filter((p) => p.statement.Effect === 'Allow');
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
  const unsetByDefault = new Set(['SES_FROM', 'SES_REPLY_TO', 'PRICE_LIST', 'BRANDING', 'SMTP_URL', 'SMTP_SECRET_ID', 'MAIL_FROM', 'MAIL_REPLY_TO']);
  const expected = [...Object.keys(awsConfigSchema.shape).filter((k) => !unsetByDefault.has(k)), 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_LOG_LEVEL'];

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
      PUBLIC_BASE_URL: { 'Fn::GetAtt': [logicalIdOf(s.stack.api.httpApi), 'ApiEndpoint'] },
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
    expect(bucket).not.toHaveProperty('CorsConfiguration');
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

  it('trusts the created Cognito user pool and its client as issuer and audience', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(s.stack.api.cognito!.client) }],
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
    expect(groups).toHaveLength(4);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(30);
  });

  it('gives every function its own log group, JSON logs and active tracing', () => {
    for (const f of Object.values(s.template.findResources('AWS::Lambda::Function'))) {
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
      ['ApiUrl', 'ArtifactsBucketName', 'JobsQueueUrl', 'JwtIssuer', 'ScheduleGroupName', 'TokenUrl', 'UserPoolClientId', 'UserPoolId'].sort(),
    );
  });
});
