import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { Logger } from '../../domain/ports';

/**
 * Keys whose values never reach a log line, wherever they appear: passwords and secrets (clouds.yaml
 * `password`, `application_credential_secret`, a webhook's `secret`, SMTP_PASSWORD, AWS_SECRET_ACCESS_KEY),
 * tokens (`X-Auth-Token`, AWS_SESSION_TOKEN), `Authorization` and cookie headers, a webhook's signature,
 * credentials of any kind, SMTP_USERNAME and SMTP_URL, and a clouds.yaml `auth` block as a whole.
 */
const secretKey =
  /pass(word)?|secret|token|authorization|cookie|credential|signature|private[_-]?key|api[_-]?key|access[_-]?key|user[_-]?name|smtp[_-]?url|^auth$/i;

/** The user and password of any `scheme://user:password@host` in a text (an SMTP URL in a message). */
const urlCredentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;
/** What makes a presigned S3 URL (or a Swift temporary URL) a key to its object, in a link in a text. */
const signedQuery = /([?&](?:X-Amz-(?:Signature|Credential|Security-Token)|temp_url_sig)=)[^&\s"'<>]*/gi;
/** A bearer token quoted in a message. */
const bearer = /\b(Bearer\s+)[\w~+/.=-]+/gi;

function redactText(text: string): string {
  return text.replace(urlCredentials, '$1[redacted]@').replace(signedQuery, '$1[redacted]').replace(bearer, '$1[redacted]');
}

/** A copy of `value` without secrets, for a log line (exported for tests). */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message), code: (value as { code?: unknown }).code };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  // Headers, URLSearchParams and Maps log as their entries, so a header name is checked like any key.
  if (value instanceof Map || value instanceof Headers || value instanceof URLSearchParams) {
    return redact(Object.fromEntries(value.entries()), depth);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, secretKey.test(k) ? '[redacted]' : redact(v, depth + 1)]));
}

/** Keys `within` gives every line logged while its function runs (an API request's id, a job's run id). */
const scope = new AsyncLocalStorage<Record<string, unknown>>();

/**
 * The trace a line belongs to: the active OpenTelemetry span's, when tracing is on and a span is
 * active (harmless otherwise: without a registered SDK there never is one). On Lambda, Powertools adds
 * X-Ray's own `xray_trace_id` to every line besides.
 */
function traceKeys(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : {};
}

/** The part of a Lambda invocation context logs carry (`function_request_id`, `cold_start`, the function's name, ARN and memory). */
export type LambdaLogContext = Parameters<PowertoolsLogger['addContext']>[0];

/**
 * Structured JSON logs through Powertools Logger (one JSON object per line, on AWS and locally). Every
 * line carries the keys of `with` and of the enclosing `within`, the active trace, and on Lambda the
 * invocation's context once {@link addLambdaContext} has been given it; values are redacted first.
 */
export class PowertoolsLoggerAdapter implements Logger {
  private readonly logger: PowertoolsLogger;
  private readonly keys: Record<string, unknown>;

  /**
   * Without a service name Powertools takes `POWERTOOLS_SERVICE_NAME`, which the stack sets per
   * function (`openstack-reports-api`, `-worker`, `-dead-letter`): a name given here would hide it.
   */
  constructor(logger: PowertoolsLogger | { serviceName?: string } = {}, keys: Record<string, unknown> = {}) {
    this.logger = logger instanceof PowertoolsLogger ? logger : new PowertoolsLogger(logger.serviceName ? { serviceName: logger.serviceName } : {});
    this.keys = keys;
  }

  debug(message: string, extra?: Record<string, unknown>): void {
    this.logger.debug(message, this.line(extra));
  }
  info(message: string, extra?: Record<string, unknown>): void {
    this.logger.info(message, this.line(extra));
  }
  warn(message: string, extra?: Record<string, unknown>): void {
    this.logger.warn(message, this.line(extra));
  }
  error(message: string, extra?: Record<string, unknown>): void {
    this.logger.error(message, this.line(extra));
  }

  /**
   * A logger adding `keys`. It shares this one's Powertools logger rather than creating a Powertools
   * child: a child computes `cold_start` afresh and would call every later invocation a cold start.
   */
  with(keys: Record<string, unknown>): Logger {
    return new PowertoolsLoggerAdapter(this.logger, { ...this.keys, ...(redact(keys) as Record<string, unknown>) });
  }

  within<T>(keys: Record<string, unknown>, fn: () => T): T {
    return scope.run({ ...scope.getStore(), ...(redact(keys) as Record<string, unknown>) }, fn);
  }

  /**
   * Adds the invocation's context to every line from now on (Powertools' `injectLambdaContext` does
   * the same): `function_request_id`, `cold_start` (true on the first invocation of this environment only),
   * the function's name, version, ARN and memory. Each Lambda entry calls it first thing.
   */
  addLambdaContext(context: LambdaLogContext): void {
    this.logger.addContext(context);
  }

  private line(extra?: Record<string, unknown>): Record<string, unknown> {
    return { ...this.keys, ...scope.getStore(), ...traceKeys(), ...(extra ? (redact(extra) as Record<string, unknown>) : {}) };
  }
}

/** A logger that drops everything (tests, CLI quiet mode). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  with: () => silentLogger,
  within: (_keys, fn) => fn(),
};
