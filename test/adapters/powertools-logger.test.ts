import { afterEach, describe, expect, it, vi } from 'vitest';
import { PowertoolsLoggerAdapter } from '../../src/adapters/aws/powertools-logger';

/** The JSON lines a logger made while `act` ran. */
function linesOf(act: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return lines.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>);
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
