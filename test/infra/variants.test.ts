import { App } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextPrefix, readSettings } from '../../infra/settings';
import { awsConfigSchema, parseConfig } from '../../src/wiring/config';
import { asArray, consoleCsp, deployedConsoleConfig, logicalIdOf, policyStatements, resourceOf, synth, type Synthesized } from './synth';

const c = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [`${contextPrefix}${k}`, v]));

describe('with an external issuer, a fixed sender, CORS and an alarm topic', () => {
  // Values as `cdk deploy -c key=value` passes them: strings, numbers included.
  let s: Synthesized;
  beforeAll(() => {
    s = synth({
      context: c({
        jwtIssuer: 'https://keycloak.example.com/realms/ops',
        jwtAudience: 'openstack-reports, reports-cli',
        sesFromAddress: 'reports@example.com',
        sesReplyTo: 'ops@example.com',
        corsAllowOrigins: 'https://console.example.com,https://admin.example.com',
        throttleRateLimit: '50',
        throttleBurstLimit: '100',
        workerTimeoutSeconds: '900',
        maxReceiveCount: '5',
        alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ops-alarms',
        publicBaseUrl: 'https://reports.example.com/',
        priceList: { currency: 'EUR', units: { vcpuHour: '0.02' } },
        branding: { name: 'ACME Cloud', primaryColor: '#123456' },
      }),
    });
  });
  afterAll(() => s?.cleanup());

  it('passes cdk-nag', () => {
    for (const pack of s.packs) expect(pack.validateScope(s.app).violations.map((v) => v.ruleName)).toEqual([]);
  });

  it('trusts the external issuer and audiences and creates no user pool', () => {
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://keycloak.example.com/realms/ops', Audience: ['openstack-reports', 'reports-cli'] },
    });
    expect(s.template.findResources('AWS::Cognito::UserPool')).toEqual({});
    expect(Object.keys(s.template.toJSON().Outputs)).not.toContain('UserPoolId');
  });

  it('deploys no console without a console client at the issuer', () => {
    expect(s.stack.console).toBeUndefined();
    expect(s.template.findResources('AWS::CloudFront::Distribution')).toEqual({});
    expect(Object.keys(s.template.toJSON().Outputs)).not.toContain('ConsoleUrl');
  });

  it('lets the worker send as the sender address or its verified domain, nothing wider', () => {
    const ses = policyStatements(s.template).filter((p) => asArray(p.statement.Action).some((a) => a.startsWith('ses:')));
    expect(ses.map((p) => p.roles)).toEqual([[{ Ref: logicalIdOf(s.stack.worker.worker.role) }]]);
    const resources = JSON.stringify(ses[0].statement.Resource);
    expect(resources).toContain(':identity/reports@example.com');
    expect(resources).toContain(':identity/example.com');
    expect(resources).not.toContain('identity/*');
  });

  it('passes sender, reply-to, receive count and public URL to the functions', () => {
    for (const fn of [s.stack.api.handler.function, s.stack.worker.worker.function]) {
      expect((resourceOf(s, fn).Properties.Environment as { Variables: object }).Variables).toMatchObject({
        SES_FROM: 'reports@example.com',
        SES_REPLY_TO: 'ops@example.com',
        MAX_RECEIVE_COUNT: '5',
        PUBLIC_BASE_URL: 'https://reports.example.com',
        PRICE_LIST: '{"currency":"EUR","units":{"vcpuHour":"0.02"}}',
        BRANDING: '{"name":"ACME Cloud","primaryColor":"#123456"}',
      });
      // The external issuer's scopes are taken bare: no resource-server prefix is trusted.
      expect((resourceOf(s, fn).Properties.Environment as { Variables: object }).Variables).not.toHaveProperty('AUTH_SCOPE_PREFIX');
    }
  });

  it('allows the configured origins', () => {
    expect(resourceOf(s, s.stack.api.httpApi).Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://console.example.com', 'https://admin.example.com'],
      AllowCredentials: false,
    });
  });

  it('reads numbers given as strings: throttling, timeout and the derived visibility timeout', () => {
    const stage = Object.values(s.template.findResources('AWS::ApiGatewayV2::Stage'))[0].Properties;
    expect(stage.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(resourceOf(s, s.stack.worker.worker.function).Properties.Timeout).toBe(900);
    expect(resourceOf(s, s.stack.queue.jobs).Properties).toMatchObject({ VisibilityTimeout: 5400, RedrivePolicy: { maxReceiveCount: 5 } });
  });

  it('notifies the alarm topic from every alarm', () => {
    const alarms = Object.values(s.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(0);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual(['arn:aws:sns:eu-west-1:123456789012:ops-alarms']);
  });
});

describe("with an external issuer, the console's client there (consoleClientId, its endpoints, consoleScopes) and its own domain", () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({
      context: c({
        jwtIssuer: 'https://idp.example.com/realms/ops',
        jwtAudience: 'openstack-reports',
        consoleClientId: 'reports-console',
        consoleAuthorizationEndpoint: 'https://idp.example.com/realms/ops/protocol/openid-connect/auth',
        // On another origin than the issuer, as some providers have it: the CSP must name this one.
        consoleTokenEndpoint: 'https://tokens.example.net/oauth/token',
        consoleScopes: 'reports:read, schedules:read',
        consoleDomainName: 'Reports.example.com',
        consoleCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-000000000000',
      }),
    });
  });
  afterAll(() => s?.cleanup());

  it('passes cdk-nag', () => {
    for (const pack of s.packs) expect(pack.validateScope(s.app).violations.map((v) => v.ruleName)).toEqual([]);
  });

  it("writes the issuer's client, endpoints and the chosen scopes, bare, into config.json", () => {
    expect(deployedConsoleConfig(s).config).toEqual({
      apiBaseUrl: '',
      auth: {
        mode: 'oidc',
        issuer: 'https://idp.example.com/realms/ops',
        clientId: 'reports-console',
        authorizationEndpoint: 'https://idp.example.com/realms/ops/protocol/openid-connect/auth',
        tokenEndpoint: 'https://tokens.example.net/oauth/token',
        scopes: ['openid', 'reports:read', 'schedules:read'],
        redirectPath: '/callback',
      },
    });
  });

  it("lets the console reach the issuer's token endpoint and post to its authorization endpoint, nothing else of it", () => {
    const csp = consoleCsp(s);
    expect(csp['connect-src']).toEqual([
      "'self'",
      'https://tokens.example.net',
      `https://{${logicalIdOf(s.stack.storage.artifactsBucket)}.RegionalDomainName}`,
    ]);
    expect(csp['form-action']).toEqual(["'self'", 'https://idp.example.com']);
  });

  it('creates no Cognito client and leaves the authorizer to the configured audience', () => {
    expect(s.template.findResources('AWS::Cognito::UserPoolClient')).toEqual({});
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: 'https://idp.example.com/realms/ops', Audience: ['openstack-reports'] },
    });
  });

  it('serves the console at its own name with the certificate, TLS 1.2 at least', () => {
    expect(resourceOf(s, s.stack.console!.distribution).Properties.DistributionConfig).toMatchObject({
      Aliases: ['reports.example.com'],
      ViewerCertificate: {
        AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-000000000000',
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
    });
  });

  it("points links at the console's name, and outputs it and the distribution's name for the DNS record", () => {
    const outputs = s.template.toJSON().Outputs;
    expect(outputs.ConsoleUrl.Value).toBe('https://reports.example.com');
    expect(outputs.ConsoleDistributionDomainName.Value).toEqual({ 'Fn::GetAtt': [logicalIdOf(s.stack.console!.distribution), 'DomainName'] });
    for (const fn of [s.stack.api.handler.function, s.stack.worker.worker.function, s.stack.worker.deadLetterHandler.function]) {
      expect((resourceOf(s, fn).Properties.Environment as { Variables: Record<string, unknown> }).Variables.PUBLIC_BASE_URL).toBe(
        'https://reports.example.com',
      );
    }
  });
});

describe('with an SMTP server instead of SES (smtpUrl, smtpSecretName, mailFrom, mailReplyTo)', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({
      context: c({
        smtpUrl: 'smtp://email-smtp.eu-west-1.amazonaws.com',
        smtpSecretName: 'openstack-reports/smtp',
        mailFrom: 'Reports <reports@example.com>',
        mailReplyTo: 'ops@example.com',
      }),
    });
  });
  afterAll(() => s?.cleanup());

  const variablesOf = (fn: Parameters<typeof resourceOf>[1]) => (resourceOf(s, fn).Properties.Environment as { Variables: Record<string, unknown> }).Variables;

  it('passes cdk-nag', () => {
    for (const pack of s.packs) expect(pack.validateScope(s.app).violations.map((v) => v.ruleName)).toEqual([]);
  });

  it('gives the worker and the API (for its health check) the server, sender and secret name, as config.ts reads them', () => {
    for (const fn of [s.stack.worker.worker.function, s.stack.api.handler.function]) {
      const variables = variablesOf(fn);
      expect(variables).toMatchObject({
        SMTP_URL: 'smtp://email-smtp.eu-west-1.amazonaws.com:587',
        SMTP_SECRET_ID: 'openstack-reports/smtp',
        MAIL_FROM: 'Reports <reports@example.com>',
        MAIL_REPLY_TO: 'ops@example.com',
      });
      // Deploy-time values (ARNs, names) stand in as URLs: the point is that config.ts accepts the rest as set.
      const env = Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, typeof v === 'string' ? v : `https://example.com/${k}`]));
      expect(parseConfig(awsConfigSchema, env)).toMatchObject({ SMTP_URL: variables.SMTP_URL, SMTP_SECRET_ID: 'openstack-reports/smtp' });
    }
  });

  it('lets the worker and the API read the SMTP secret, by name, and the worker no longer send through SES', () => {
    const statements = policyStatements(s.template).filter((p) => JSON.stringify(p.statement.Resource).includes(':secret:openstack-reports/smtp-??????'));
    expect(statements.map((p) => p.roles)).toEqual(
      expect.arrayContaining([[{ Ref: logicalIdOf(s.stack.api.handler.role) }], [{ Ref: logicalIdOf(s.stack.worker.worker.role) }]]),
    );
    expect(statements).toHaveLength(2);
    for (const p of statements) expect(asArray(p.statement.Action)).toContain('secretsmanager:GetSecretValue');
    expect(policyStatements(s.template).filter((p) => asArray(p.statement.Action).some((a) => a.startsWith('ses:')))).toEqual([]);
    expect(s.template.findResources('AWS::SecretsManager::Secret')).toEqual({});
  });
});

describe('with an SMTP server without credentials', () => {
  it('grants no secret beyond the OpenStack one', () => {
    const s = synth({ context: c({ smtpUrl: 'smtps://relay.example.com:465', mailFrom: 'reports@example.com' }) });
    try {
      const secrets = policyStatements(s.template).filter((p) => asArray(p.statement.Action).includes('secretsmanager:GetSecretValue'));
      for (const p of secrets) expect(JSON.stringify(p.statement.Resource)).toContain(':secret:openstack-reports/clouds-??????');
      expect((resourceOf(s, s.stack.worker.worker.function).Properties.Environment as { Variables: object }).Variables).not.toHaveProperty('SMTP_SECRET_ID');
    } finally {
      s.cleanup();
    }
  });
});

describe('settings', () => {
  const settingsOf = (values: Record<string, unknown>) => readSettings(new App({ context: c(values) }).node);

  it('falls back to the documented defaults', () => {
    expect(settingsOf({})).toMatchObject({
      artifactRetentionDays: 30,
      openStackSecretName: 'openstack-reports/clouds',
      workerMemoryMb: 3008,
      workerTimeoutSeconds: 600,
      maxReceiveCount: 3,
      throttleRateLimit: 20,
      throttleBurstLimit: 40,
      jwtAudience: [],
      corsAllowOrigins: [],
    });
  });

  it.each([
    [{ jwtIssuer: 'https://idp.example.com' }, /jwtAudience is required/],
    [{ jwtIssuer: 'http://idp.example.com', jwtAudience: 'x' }, /jwtIssuer must be an https URL/],
    [{ workerTimeoutSeconds: 1200 }, /workerTimeoutSeconds must be an integer from 60 to 900/],
    [{ workerMemoryMb: 'lots' }, /workerMemoryMb must be an integer/],
    [{ logRetentionDays: 31 }, /logRetentionDays must be one of/],
    [{ workerMaxConcurrency: 1 }, /workerMaxConcurrency must be an integer from 2 to 1000/],
    [{ logLevel: 'verbose' }, /logLevel must be one of/],
    [{ openStackSecretName: '' }, /openStackSecretName must not be empty/],
    [{ priceList: { currency: 'euro' } }, /priceList is invalid: .*currency/],
    [{ branding: { primaryColor: 'red' } }, /branding is invalid: .*primaryColor/],
    [{ smtpUrl: 'https://mail.example.com', mailFrom: 'r@example.com' }, /smtpUrl must start with smtp:\/\/ or smtps:\/\//],
    [
      { smtpUrl: 'smtp://user:pa55@mail.example.com:587', mailFrom: 'r@example.com' },
      /smtpUrl must not hold credentials here: put them in the Secrets Manager secret/,
    ],
    [{ smtpUrl: 'smtp://mail.example.com:587' }, /mailFrom is required with openstack-reports:smtpUrl/],
    [{ smtpUrl: 'smtp://mail.example.com:587', mailFrom: 'reports' }, /mailFrom must be an address/],
    [{ mailFrom: 'r@example.com' }, /mailFrom is set without openstack-reports:smtpUrl/],
    [{ smtpSecretName: 'openstack-reports/smtp' }, /smtpSecretName is set without openstack-reports:smtpUrl/],
    [{ consoleClientId: 'console' }, /consoleClientId is only for an external openstack-reports:jwtIssuer/],
    [{ consoleScopes: 'reports:read,billing' }, /consoleScopes: "billing" is not one of reports:read/],
    [{ jwtIssuer: 'https://idp.example.com', jwtAudience: 'x', consoleClientId: 'console' }, /consoleAuthorizationEndpoint is required with/],
    [
      {
        jwtIssuer: 'https://idp.example.com',
        jwtAudience: 'x',
        consoleAuthorizationEndpoint: 'https://idp.example.com/auth',
        consoleTokenEndpoint: 'https://idp.example.com/token',
      },
      /consoleClientId is required with the console's endpoints/,
    ],
    [
      {
        jwtIssuer: 'https://idp.example.com',
        jwtAudience: 'x',
        consoleClientId: 'console',
        consoleAuthorizationEndpoint: 'https://idp.example.com/auth',
        consoleTokenEndpoint: 'http://idp.example.com/token',
      },
      /consoleTokenEndpoint must be an https URL/,
    ],
    [{ consoleDomainName: 'reports.example.com' }, /consoleCertificateArn is required with openstack-reports:consoleDomainName/],
    [{ consoleDomainName: 'https://reports.example.com/', consoleCertificateArn: 'x' }, /consoleDomainName must be a host name/],
    [
      { consoleDomainName: 'reports.example.com', consoleCertificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' },
      /consoleCertificateArn must be an ACM certificate ARN in us-east-1/,
    ],
  ])('rejects %o, naming the key', (values, message) => {
    expect(() => settingsOf(values)).toThrow(message);
  });
});
