/**
 * The application's error hierarchy. `retryable` tells the worker whether the queue should try again
 * (transient) or the run should fail now with the message as its reason (permanent). Errors from
 * other modules take part by carrying a boolean `retryable` property; anything else is treated as
 * transient and retried until the queue's receive limit, then the run fails with its message.
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

/** True when trying the same work again may succeed. */
export function isRetryable(error: unknown): boolean {
  if (error && typeof error === 'object' && 'retryable' in error && typeof error.retryable === 'boolean') {
    return error.retryable;
  }
  return true;
}

/** A message safe to show a user: the error's own message, never a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** A stable code for an error, `internal_error` when it has none. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return 'internal_error';
}
