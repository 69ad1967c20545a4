import type { Context, SQSEvent } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureLogLines } from '../helpers/log-lines';
import { awsStackEnv } from '../helpers/aws-env';

// The Lambda entries as Lambda calls them: an event and the invocation's context object (a plain object,
// as the runtime passes it; no AWS client is involved). AWS endpoints point at a closed local port, so
// whatever the code tries to reach fails at once instead of leaving the machine.
const env = {
  ...awsStackEnv,
  OPENSTACK_SECRET_ID: 'openstack-reports/clouds',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_MAX_ATTEMPTS: '1',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_DEV: 'false',
  // Lambda sets it; Powertools reports a cold start only for on-demand environments (not provisioned ones).
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
};

function lambdaContext(functionName: string, awsRequestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/12/02/[$LATEST]abc',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

const malformedJob: SQSEvent = {
  Records: [
    {
      messageId: 'm-1',
      receiptHandle: 'rh-1',
      body: 'not a job',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: env.JOBS_QUEUE_ARN,
      awsRegion: 'eu-west-1',
    },
  ],
};

describe('the worker entry on Lambda', () => {
  beforeAll(() => {
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'openstack-reports-worker');
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
  });
  afterAll(() => vi.unstubAllEnvs());

  it('logs the function request id on every line, and a cold start on the first invocation only', async () => {
    const { handler } = await import('../../src/wiring/aws/worker-handler');
    const cap = captureLogLines();
    try {
      await handler(malformedJob, lambdaContext('osr-worker', 'req-first'));
      await handler(malformedJob, lambdaContext('osr-worker', 'req-second'));
    } finally {
      cap.restore();
    }
    const lines = cap.lines().filter((l) => l.message === 'malformed job message dropped');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      service: 'openstack-reports-worker',
      function_request_id: 'req-first',
      cold_start: true,
      function_name: 'osr-worker',
      xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
    });
    expect(lines[1]).toMatchObject({ function_request_id: 'req-second', cold_start: false });
  });
});

describe('the API entry on Lambda', () => {
  beforeAll(() => {
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'openstack-reports-api');
    // Another function, another execution environment: its own modules, hence its own logger.
    vi.resetModules();
  });
  afterAll(() => vi.unstubAllEnvs());

  const event = (path: string, requestId: string): LambdaEvent =>
    ({
      version: '2.0',
      routeKey: `GET ${path}`,
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'api.example.com', 'x-request-id': 'chosen-by-the-client' },
      requestContext: {
        accountId: '123456789012',
        authentication: null,
        authorizer: {},
        apiId: 'abc123',
        domainName: 'api.example.com',
        domainPrefix: 'api',
        http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
        requestId,
        routeKey: `GET ${path}`,
        stage: '$default',
        time: '02/Dec/2026:20:00:00 +0000',
        timeEpoch: 1_796_241_600_000,
      },
      body: '',
      isBase64Encoded: false,
    }) as LambdaEvent;

  it("answers with API Gateway's request id in X-Request-Id and in the problem, and logs it with the invocation's context", async () => {
    const { handler } = await import('../../src/wiring/aws/api-handler');
    const cap = captureLogLines();
    let notFound: Awaited<ReturnType<typeof handler>>;
    try {
      notFound = await handler(event('/v1/nowhere', 'Ku3vLhvYoAMEJvQ='), lambdaContext('osr-api', 'fn-req-1'));
      // The health check fails here (AWS unreachable) and logs each failure.
      await handler(event('/v1/health', 'Ku3vLiGmoAMEbEw='), lambdaContext('osr-api', 'fn-req-2'));
    } finally {
      cap.restore();
    }
    expect(notFound.statusCode).toBe(404);
    expect(notFound.headers?.['x-request-id']).toBe('Ku3vLhvYoAMEJvQ=');
    expect(JSON.parse(notFound.body)).toMatchObject({ status: 404, requestId: 'Ku3vLhvYoAMEJvQ=' });

    const health = cap.lines().filter((l) => l.message === 'health check failed');
    expect(health.length).toBeGreaterThan(0);
    for (const line of health) {
      expect(line).toMatchObject({ service: 'openstack-reports-api', requestId: 'Ku3vLiGmoAMEbEw=', function_request_id: 'fn-req-2', cold_start: false });
      expect(JSON.stringify(line)).not.toContain('chosen-by-the-client');
    }
  });
});
