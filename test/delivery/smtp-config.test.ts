import { describe, expect, it } from 'vitest';
import { awsConfigSchema, localConfigSchema, parseConfig } from '../../src/wiring/config';
import { localMailOptions } from '../../src/wiring/local/local-wiring';
import { smtpMailer } from '../../src/wiring/smtp-mail';
import { describeSmtpServer } from '../../src/wiring/smtp-url';
import { memoryLogger } from '../schedules/fakes';
import { awsStackEnv } from '../helpers/aws-env';

const password = 'pa:ss/w@rd%';
const encoded = encodeURIComponent(password);
const local = (env: Record<string, string>) => parseConfig(localConfigSchema, env);

describe('e-mail settings', () => {
  it('default to the local outbox on 127.0.0.1:2525, its page on 2526, and 7 MiB attachments', () => {
    const config = local({});
    expect(config).toMatchObject({ OUTBOX_PORT: 2525, OUTBOX_WEB_PORT: 2526, EMAIL_ATTACHMENT_MAX_BYTES: 7 * 1024 * 1024 });
    expect(localMailOptions(config)).toEqual({});
  });

  it.each([
    ['smtp://mail.example.com', { host: 'mail.example.com', port: 587, security: 'starttls' }],
    ['smtp://mail.example.com:2587', { host: 'mail.example.com', port: 2587, security: 'starttls' }],
    ['smtps://mail.example.com', { host: 'mail.example.com', port: 465, security: 'tls' }],
    ['smtp://relay.internal:25?tls=off', { host: 'relay.internal', port: 25, security: 'none' }],
    ['smtp://[::1]:2525?tls=off', { host: '::1', port: 2525, security: 'none' }],
    [`smtp://apikey:${encoded}@smtp.example.com:587`, { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'apikey', password }],
  ])('read SMTP_URL %s', (url, smtp) => {
    expect(localMailOptions(local({ SMTP_URL: url, MAIL_FROM: 'Reports <reports@example.com>', MAIL_REPLY_TO: 'ops@example.com' }))).toEqual({
      smtp,
      from: 'Reports <reports@example.com>',
      replyTo: 'ops@example.com',
    });
  });

  it('take credentials from SMTP_USERNAME and SMTP_PASSWORD', () => {
    const config = local({ SMTP_URL: 'smtps://smtp.example.com', MAIL_FROM: 'r@example.com', SMTP_USERNAME: 'apikey', SMTP_PASSWORD: password });
    expect(localMailOptions(config).smtp).toEqual({ host: 'smtp.example.com', port: 465, security: 'tls', username: 'apikey', password });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.com', MAIL_FROM: 'r@example.com' }, 'SMTP_URL: must start with smtp:// or smtps://'],
    [{ SMTP_URL: 'mail.example.com:587', MAIL_FROM: 'r@example.com' }, 'SMTP_URL: must start with smtp:// or smtps://'],
    [{ SMTP_URL: 'smtp://mail.example.com?tls=no', MAIL_FROM: 'r@example.com' }, 'SMTP_URL: tls may only be "off"'],
    [{ SMTP_URL: 'smtp://mail.example.com?starttls=1', MAIL_FROM: 'r@example.com' }, 'SMTP_URL: has an unknown parameter "starttls"'],
    [{ SMTP_URL: 'smtps://mail.example.com?tls=off', MAIL_FROM: 'r@example.com' }, 'SMTP_URL: has tls=off, but smtps://'],
    [{ SMTP_URL: 'smtp://mail.example.com/x', MAIL_FROM: 'r@example.com' }, 'SMTP_URL: must have no path'],
    [{ SMTP_URL: 'smtp://mail.example.com' }, 'MAIL_FROM: is required with SMTP_URL'],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'reports' }, 'MAIL_FROM: must be an address'],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'r@example.com', MAIL_REPLY_TO: 'a@b.c, d@e.f' }, 'MAIL_REPLY_TO: must be an address'],
    [
      { SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'r@example.com', SMTP_USERNAME: 'apikey' },
      'SMTP_PASSWORD: SMTP_USERNAME and SMTP_PASSWORD go together',
    ],
    [{ SMTP_USERNAME: 'apikey', SMTP_PASSWORD: password }, 'SMTP_USERNAME: is set without SMTP_URL'],
    [{ SMTP_URL: `smtp://a:${encoded}@mail.example.com`, MAIL_FROM: 'r@example.com', SMTP_USERNAME: 'b', SMTP_PASSWORD: 'c' }, 'give them once'],
    [{ SMTP_URL: `smtp://apikey@mail.example.com`, MAIL_FROM: 'r@example.com' }, 'SMTP_URL: has a user name but no password'],
    [{ OUTBOX_PORT: '70000' }, 'OUTBOX_PORT'],
  ])('refuse %o, naming the variable and never repeating a password', (env, message) => {
    let error: Error | undefined;
    try {
      local(env as Record<string, string>);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(message);
    expect(error?.message).not.toContain(password);
    expect(error?.message).not.toContain(encoded);
  });

  it('on AWS: SMTP_URL without credentials (they live in the secret), and MAIL_FROM with it', () => {
    const config = parseConfig(awsConfigSchema, {
      ...awsStackEnv,
      SMTP_URL: 'smtp://email-smtp.eu-west-1.amazonaws.com:587',
      SMTP_SECRET_ID: 'openstack-reports/smtp',
      MAIL_FROM: 'Reports <reports@example.com>',
    });
    expect(config).toMatchObject({ SMTP_URL: 'smtp://email-smtp.eu-west-1.amazonaws.com:587', SMTP_SECRET_ID: 'openstack-reports/smtp' });
    expect(() => parseConfig(awsConfigSchema, { ...awsStackEnv, SMTP_URL: `smtp://u:${encoded}@h:587`, MAIL_FROM: 'r@example.com' })).toThrow(
      /SMTP_URL: must not hold credentials here: put them in the Secrets Manager secret/,
    );
    expect(() => parseConfig(awsConfigSchema, { ...awsStackEnv, SMTP_URL: 'smtp://h:587' })).toThrow(/MAIL_FROM: is required with SMTP_URL/);
    expect(parseConfig(awsConfigSchema, awsStackEnv).SMTP_URL).toBeUndefined();
  });

  it('warns when mail goes out in the clear, naming the server but no credentials', () => {
    const lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
    const url = { host: 'relay.internal', port: 25, security: 'none' as const, username: 'apikey', password };

    smtpMailer({ url, from: 'r@example.com', logger: memoryLogger(lines) }).close();
    smtpMailer({ url: { host: '127.0.0.1', port: 2525, security: 'none' }, trustedLoopback: true, from: 'r@example.com', logger: memoryLogger(lines) }).close();

    expect(lines).toEqual([{ level: 'warn', message: expect.stringContaining('tls=off'), extra: { server: 'smtp://relay.internal:25?tls=off' } }]);
    expect(JSON.stringify(lines)).not.toContain(password);
    expect(describeSmtpServer({ host: '::1', port: 465, security: 'tls' })).toBe('smtps://[::1]:465');
  });
});
