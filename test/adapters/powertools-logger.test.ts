import { afterEach, describe, expect, it, vi } from 'vitest';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { PowertoolsLoggerAdapter } from '../../src/adapters/aws/powertools-logger';
import { AsyncLocalContextManager, captureLogLines } from '../helpers/log-lines';

/** The JSON lines a logger made while `act` ran. */
function linesOf(act: () => void): Record<string, unknown>[] {
  const cap = captureLogLines();
  try {
    act();
  } finally {
    cap.restore();
  }
  return cap.lines();
}

describe('PowertoolsLoggerAdapter', () => {
  afterEach(() => vi.unstubAllEnvs());

  it("keeps each function's POWERTOOLS_SERVICE_NAME (the stack sets one per function)", () => {
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'openstack-reports-api');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const [line] = linesOf(() => new PowertoolsLoggerAdapter().info('hello'));
    expect(line).toMatchObject({ service: 'openstack-reports-api', message: 'hello' });
  });

  it('names the service where no variable does (locally), and redacts secrets', () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const [line] = linesOf(() =>
      new PowertoolsLoggerAdapter({ serviceName: 'openstack-reports' }).with({ runId: 'r1' }).info('sent', { password: 'p', webhook: { secret: 's' } }),
    );
    expect(line).toMatchObject({ service: 'openstack-reports', runId: 'r1', password: '[redacted]', webhook: { secret: '[redacted]' } });
  });

  it('redacts SMTP credentials: their variables, and the user and password of any URL in a value or an error', () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const [line] = linesOf(() =>
      new PowertoolsLoggerAdapter({ serviceName: 'openstack-reports' }).info('mail', {
        config: { SMTP_URL: 'smtp://apikey:pa55@smtp.example.com:587', SMTP_USERNAME: 'apikey', SMTP_PASSWORD: 'pa55' },
        server: 'smtp://smtp.example.com:587',
        detail: 'connecting to smtps://apikey:pa55@smtp.example.com:465 failed',
        error: new Error('bad URL smtp://apikey:pa55@smtp.example.com'),
      }),
    );
    expect(line).toMatchObject({
      config: { SMTP_URL: '[redacted]', SMTP_USERNAME: '[redacted]', SMTP_PASSWORD: '[redacted]' },
      server: 'smtp://smtp.example.com:587',
      detail: 'connecting to smtps://[redacted]@smtp.example.com:465 failed',
      error: { message: 'bad URL smtp://[redacted]@smtp.example.com' },
    });
    expect(JSON.stringify(line)).not.toMatch(/pa55|apikey/);
  });
});

describe('redaction: no secret of any kind reaches a line', () => {
  afterEach(() => vi.unstubAllEnvs());

  // Every secret the service handles, each value a marker the output must not contain.
  const secrets = {
    cloudsYaml: {
      auth: { auth_url: 'https://keystone.example.com/v3', username: 'admin', password: 'S1-password', project_name: 'p' },
      region_name: 'RegionOne',
    },
    cloudsYamlApplicationCredential: {
      auth_type: 'v3applicationcredential',
      application_credential_id: 'S2-app-cred-id',
      application_credential_secret: 'S3-app-cred-secret',
    },
    parsedCloud: { applicationCredentialId: 'S4-id', applicationCredentialSecret: 'S5-secret', password: 'S6-password', userName: 'S7-user' },
    keystone: { token: 'S8-token', 'X-Auth-Token': 'S9-token', 'X-Subject-Token': 'S10-token' },
    smtp: {
      SMTP_URL: 'smtp://S11-user:S12-pass@mail.example.com:587',
      SMTP_USERNAME: 'S13-user',
      SMTP_PASSWORD: 'S14-pass',
      smtpSecret: { username: 'S15-user', password: 'S16-pass' },
    },
    webhook: { url: 'https://hooks.example.com/in', secret: 'S17-webhook-secret', headers: { 'X-OpenStack-Reports-Signature': 'sha256=S18-signature' } },
    requestHeaders: { Authorization: 'Bearer S19-jwt', authorization: 'Basic S20-basic', Cookie: 'session=S21', 'x-api-key': 'S22-key' },
    fetchHeaders: new Headers({ authorization: 'Bearer S23-jwt', 'content-type': 'application/json' }),
    aws: { AWS_SECRET_ACCESS_KEY: 'S24-secret', AWS_SESSION_TOKEN: 'S25-session', AWS_ACCESS_KEY_ID: 'S26-AKID' },
    cognito: { client_secret: 'S27-client-secret', private_key: 'S28-pem' },
    devJwt: { devSecret: 'S29-dev-secret' },
    download:
      'https://bucket.s3.eu-west-1.amazonaws.com/r.pdf?X-Amz-Credential=S30-cred&X-Amz-Security-Token=S31-token&X-Amz-Signature=S32-sig&X-Amz-Expires=900',
    swiftTempUrl: 'https://swift.example.com/v1/AUTH_p/c/r.pdf?temp_url_sig=S33-sig&temp_url_expires=1',
    detail: 'request failed: Authorization: Bearer S34-token rejected',
    error: new Error('connect smtps://S35-user:S36-pass@mail.example.com:465 failed'),
  };

  it('redacts every secret field, header, URL credential and signature, in extras, `with` keys and `within` keys', () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'DEBUG');
    const log = new PowertoolsLoggerAdapter({ serviceName: 'openstack-reports' });
    const cap = captureLogLines();
    try {
      log.info('extras', secrets);
      log.with(secrets).warn('with keys');
      log.within(secrets, () => log.error('within keys'));
    } finally {
      cap.restore();
    }
    const lines = cap.lines();
    expect(lines).toHaveLength(3);
    const out = JSON.stringify(lines);
    expect(out.match(/S\d+-[\w-]+/g) ?? []).toEqual([]);
    expect(out).not.toMatch(/S\d+/);
    // What is not secret stays, so the lines are still worth reading.
    expect(lines[0]).toMatchObject({
      cloudsYaml: { auth: '[redacted]', region_name: 'RegionOne' },
      webhook: { url: 'https://hooks.example.com/in', secret: '[redacted]' },
      fetchHeaders: { authorization: '[redacted]', 'content-type': 'application/json' },
      download: expect.stringContaining('X-Amz-Expires=900'),
    });
  });

  it.each(Object.entries(secrets))('redacts %s alone', (name, value) => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const [line] = linesOf(() => new PowertoolsLoggerAdapter({ serviceName: 'x' }).info('one', { [name]: value }));
    expect(JSON.stringify(line)).not.toMatch(/S\d+-/);
  });
});

describe('correlation keys', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('puts the keys of `within` on every line logged inside it, across awaits, by any logger of the family', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const log = new PowertoolsLoggerAdapter({ serviceName: 'x' });
    const cap = captureLogLines();
    try {
      await Promise.all([
        log.within({ requestId: 'req-1' }, async () => {
          await new Promise((r) => setTimeout(r, 5));
          log.info('one');
          log.with({ runId: 'r1' }).info('two');
        }),
        log.within({ requestId: 'req-2' }, async () => {
          log.info('three');
          await log.within({ runId: 'r2' }, async () => log.info('four'));
        }),
      ]);
      log.info('outside');
    } finally {
      cap.restore();
    }
    const byMessage = Object.fromEntries(cap.lines().map((l) => [l.message, l]));
    expect(byMessage.one).toMatchObject({ requestId: 'req-1' });
    expect(byMessage.two).toMatchObject({ requestId: 'req-1', runId: 'r1' });
    expect(byMessage.three).toMatchObject({ requestId: 'req-2' });
    expect(byMessage.three).not.toHaveProperty('runId');
    expect(byMessage.four).toMatchObject({ requestId: 'req-2', runId: 'r2' });
    expect(byMessage.outside).not.toHaveProperty('requestId');
  });

  it('carries the trace id of the active OpenTelemetry span, and none without one', () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    const manager = new AsyncLocalContextManager();
    context.setGlobalContextManager(manager);
    try {
      const log = new PowertoolsLoggerAdapter({ serviceName: 'x' });
      const span = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };
      const [inside, outside] = linesOf(() => {
        context.with(trace.setSpanContext(context.active(), span), () => log.with({ runId: 'r1' }).info('inside'));
        log.info('outside');
      });
      expect(inside).toMatchObject({ message: 'inside', runId: 'r1', trace_id: span.traceId, span_id: span.spanId });
      expect(outside).not.toHaveProperty('trace_id');
    } finally {
      context.disable();
    }
  });
});
