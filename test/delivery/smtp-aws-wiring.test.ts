import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { readSmtpCredentials } from '../../src/adapters/aws/secrets-manager-smtp-credentials';
import { awsSmtpMail } from '../../src/wiring/aws/smtp-mail';
import { awsConfigSchema, parseConfig } from '../../src/wiring/config';
import { memoryLogger } from '../schedules/fakes';
import { startTestSmtpServer, testCredentials, type TestSmtpServer } from './smtp-test-server';
import { awsStackEnv } from '../helpers/aws-env';

const secretId = 'openstack-reports/smtp';

describe('SMTP on AWS: credentials from Secrets Manager', () => {
  const sm = mockClient(SecretsManagerClient);
  let server: TestSmtpServer | undefined;
  afterEach(async () => {
    sm.reset();
    await server?.close();
    server = undefined;
  });

  it('reads {"username", "password"} from the secret', async () => {
    sm.on(GetSecretValueCommand, { SecretId: secretId }).resolves({ SecretString: JSON.stringify(testCredentials) });
    await expect(readSmtpCredentials(secretId)).resolves.toEqual(testCredentials);
  });

  it.each([
    [{ SecretString: 'user:pa55word' }, false],
    [{ SecretString: JSON.stringify({ username: 'u' }) }, false],
  ])('refuses a secret of another shape without repeating it: %o', async (output, retryable) => {
    sm.on(GetSecretValueCommand).resolves(output);
    const error = await readSmtpCredentials(secretId).catch((e: unknown) => e as Error & { retryable: boolean });
    expect(error).toMatchObject({ retryable, message: `secret ${secretId} must hold JSON {"username": "…", "password": "…"}` });
  });

  it.each([
    ['ResourceNotFoundException', false],
    ['AccessDeniedException', false],
    ['ThrottlingException', true],
  ])('classifies %s from Secrets Manager', async (name, retryable) => {
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('no'), { name }));
    await expect(readSmtpCredentials(secretId)).rejects.toMatchObject({ retryable, message: `cannot read secret ${secretId}: ${name}` });
  });

  it('builds nothing without SMTP_URL (SES stays the default)', () => {
    expect(awsSmtpMail(parseConfig(awsConfigSchema, awsStackEnv), memoryLogger())).toBeUndefined();
  });

  it('reads the secret on first use only, then sends and answers the health check with those credentials', async () => {
    server = await startTestSmtpServer({ plainAuth: true });
    sm.on(GetSecretValueCommand, { SecretId: secretId }).resolves({ SecretString: JSON.stringify(testCredentials) });
    const lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
    const config = parseConfig(awsConfigSchema, {
      ...awsStackEnv,
      SMTP_URL: `smtp://127.0.0.1:${server.port}?tls=off`,
      SMTP_SECRET_ID: secretId,
      MAIL_FROM: 'Reports <reports@example.com>',
      MAIL_REPLY_TO: 'ops@example.com',
    });

    const mail = awsSmtpMail(config, memoryLogger(lines))!;
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    await mail.probe.check();
    const receipt = await mail.mailer.send({ to: ['a@example.com'], subject: 'Report ready', text: 'hi', html: '<p>hi</p>', attachments: [] });

    expect(receipt.accepted).toEqual(['a@example.com']);
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(server.mails[0]).toMatchObject({ user: testCredentials.username, envelopeFrom: 'reports@example.com' });
    expect(server.mails[0]!.parsed.replyTo?.text).toBe('ops@example.com');
    expect(lines.map((l) => l.message)).toEqual([expect.stringContaining('tls=off')]);
    expect(JSON.stringify(lines)).not.toContain(testCredentials.password);
  });
});
