import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import type { Logger } from '../../domain/ports';

/** Keys whose values never reach a log line, wherever they appear in `extra` (SMTP_USERNAME, SMTP_PASSWORD and SMTP_URL too). */
const secretKey = /pass(word)?|secret|token|authorization|credential|user_?name|smtp_?url|^auth$/i;

/** The user and password of any `scheme://user:password@host` in a text (an SMTP URL in a message). */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;

function redactText(text: string): string {
  return text.replace(urlCredentials, '$1[redacted]@');
}

function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message), code: (value as { code?: unknown }).code };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : redact(v, depth + 1)]));
}

/** Structured JSON logs through Powertools Logger (one JSON object per line, on AWS and locally). */
export class PowertoolsLoggerAdapter implements Logger {
  private readonly logger: PowertoolsLogger;

  /**
   * Without a service name Powertools takes `POWERTOOLS_SERVICE_NAME`, which the stack sets per
   * function (`openstack-reports-api`, `-worker`, `-dead-letter`): a name given here would hide it.
   */
  constructor(logger: PowertoolsLogger | { serviceName?: string } = {}) {
    this.logger = logger instanceof PowertoolsLogger ? logger : new PowertoolsLogger(logger.serviceName ? { serviceName: logger.serviceName } : {});
  }

  debug(message: string, extra?: Record<string, unknown>): void {
    this.logger.debug(message, this.extra(extra));
  }
  info(message: string, extra?: Record<string, unknown>): void {
    this.logger.info(message, this.extra(extra));
  }
  warn(message: string, extra?: Record<string, unknown>): void {
    this.logger.warn(message, this.extra(extra));
  }
  error(message: string, extra?: Record<string, unknown>): void {
    this.logger.error(message, this.extra(extra));
  }
  with(keys: Record<string, unknown>): Logger {
    const child = this.logger.createChild();
    child.appendKeys(redact(keys) as Record<string, string>);
    return new PowertoolsLoggerAdapter(child);
  }

  private extra(extra?: Record<string, unknown>): Record<string, unknown> {
    return extra ? (redact(extra) as Record<string, unknown>) : {};
  }
}

/** A logger that drops everything (tests, CLI quiet mode). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  with: () => silentLogger,
};
