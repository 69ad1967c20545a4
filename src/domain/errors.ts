/**
 * The application's error hierarchy. `retryable` tells the worker whether the queue should try again
 * (transient) or the run should fail now with the message as its reason (permanent). Errors from
 * other modules take part by carrying a boolean `retryable` property. Other errors are classified by
 * shape (`transientKind`): AWS SDK throttling and server faults, network errors and timeouts, and a
 * crashed or stuck Chromium are transient; anything else (a programming error, an error nobody
 * anticipated) is permanent and internal: its run fails once, with a neutral message and a
 * reference that finds the detail in the logs (`publicError`).
 */
export class AppError extends Error {
  override name = 'AppError';
  /** A stable, machine-readable code such as `validation_failed` or `project_not_found`. */
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }
}

/** One invalid field: `path` is dotted (`period.start`, `formats.1`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Input that does not satisfy a schema; lists every invalid field. */
export class ValidationError extends AppError {
  override name = 'ValidationError';
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[], message = 'The request has invalid fields.') {
    super('validation_failed', message);
    this.issues = issues;
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super('not_found', message);
  }
}

/** A conditional write lost (another attempt changed the record) or a conflicting request. */
export class ConflictError extends AppError {
  override name = 'ConflictError';
  constructor(message: string) {
    super('conflict', message);
  }
}

/** True for an `AppError`, or an error of another module that says whether it is `retryable`: its message is written for users. */
export function isKnownError(error: unknown): error is { retryable: boolean; message: string } {
  if (error instanceof AppError) return true;
  return error instanceof Error && 'retryable' in error && typeof error.retryable === 'boolean';
}

/** What kind of transient failure an error without a `retryable` property is, by its shape. */
export type TransientKind = 'storage' | 'network' | 'renderer';

/** AWS SDK error names that mean "slow down" or "try again" whatever the service. */
const awsTransientNames = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'InternalServerError',
  'InternalServerException',
  'InternalFailure',
  'TransactionConflictException',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node and undici codes of connections that broke or never formed; a later try may well succeed. */
const networkCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** Puppeteer's errors when Chromium crashes, closes a page under us or does not answer in time. */
const rendererNames = new Set(['TargetCloseError', 'ProtocolError', 'ConnectionClosedError', 'TimeoutError']);

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The transient class of an error that does not say itself, or `undefined`: an AWS SDK error the SDK
 * marks retryable, a server fault, throttling or a 5xx/429 (S3, DynamoDB, SQS, SES); a network error
 * (also one wrapped as a `cause`, as `fetch` does); a Chromium crash or timeout.
 */
export function transientKind(error: unknown): TransientKind | undefined {
  if (!(error instanceof Error)) return undefined;
  const metadata = field(error, '$metadata');
  if (metadata && typeof metadata === 'object') {
    const status = field(metadata, 'httpStatusCode');
    const transient =
      Boolean(field(error, '$retryable')) ||
      field(error, '$fault') === 'server' ||
      awsTransientNames.has(error.name) ||
      (typeof status === 'number' && (status >= 500 || status === 429));
    return transient ? 'storage' : undefined;
  }
  if (rendererNames.has(error.name)) return 'renderer';
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = field(current, 'code');
    if (typeof code === 'string' && networkCodes.has(code)) return 'network';
    current = field(current, 'cause');
  }
  return undefined;
}

/**
 * True when trying the same work again may succeed: what the error says (`retryable`), else whether
 * its shape is a known transient class. Anything unrecognised is not retried: asking again gives the
 * same programming error, and the queue's retries would only delay the answer.
 */
export function isRetryable(error: unknown): boolean {
  if (error && typeof error === 'object' && 'retryable' in error && typeof error.retryable === 'boolean') {
    return error.retryable;
  }
  return transientKind(error) !== undefined;
}

/**
 * A failed attempt the queue is to deliver again in `delaySeconds`: the use case recorded when (a
 * run's or a delivery's `nextAttemptAt`), and the worker sets the message's visibility to match.
 * Carries the original error's code and message, and the error itself as `cause`.
 */
export class RetryLaterError extends AppError {
  override name = 'RetryLaterError';
  readonly delaySeconds: number;
  constructor(cause: unknown, delaySeconds: number) {
    super(errorCode(cause), describeError(cause), { cause, retryable: true });
    this.delaySeconds = delaySeconds;
  }
}

/**
 * The owner already has as many runs queued or running as the deployment allows (the API answers
 * 429 with `Retry-After`): one owner cannot fill the queue ahead of everyone else.
 */
export class TooManyRunsError extends AppError {
  override name = 'TooManyRunsError';
  readonly retryAfterSeconds: number;
  constructor(limit: number, retryAfterSeconds = 30) {
    super(
      'too_many_runs',
      `You have ${limit} reports queued or running, the most this deployment runs at once for one owner; request more once some have finished.`,
    );
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The error's own message, never a stack: for logs, and for users only when `isKnownError`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

const transientWords: Record<TransientKind, string> = {
  storage: 'the storage service was busy or unavailable',
  network: 'a network connection failed',
  renderer: 'the PDF renderer crashed or timed out',
};

/**
 * What a user is told about an error: an `AppError`'s (or another known error's) own message, or for
 * anything else a neutral sentence with `reference`, which the caller logs next to the full error.
 * `attempts`, when given, is how many attempts were made before giving up.
 */
export function publicErrorMessage(error: unknown, reference: string, attempts?: number): string {
  const after = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
  if (isKnownError(error)) return `${describeError(error)}${after ? ` (gave up${after})` : ''}`;
  const kind = transientKind(error);
  const what = kind ? `A temporary error (${transientWords[kind]}) stopped this report${after}` : 'An internal error stopped this report';
  return `${what} (reference ${reference}). An operator can find the details in the logs.`;
}

/** A short reference that ties a message shown to a user to the log line with the detail. */
export function errorReference(newId: () => string): string {
  return newId()
    .replace(/[^0-9a-zA-Z]/g, '')
    .slice(0, 8)
    .toLowerCase();
}

/**
 * A stable code for an error: a known error's own `code`, `temporarily_unavailable` for a transient
 * class (`transientKind`), else `internal_error` (system codes of programming errors are not shown).
 */
export function errorCode(error: unknown): string {
  if (isKnownError(error) && 'code' in error && typeof error.code === 'string') return error.code;
  if (transientKind(error)) return 'temporarily_unavailable';
  return 'internal_error';
}
