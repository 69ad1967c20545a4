import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, ValidationError } from '../../domain/errors';
import type { Logger } from '../../domain/ports';
import { problem } from './problem';

/** `AppError` codes with a status of their own; any other permanent `AppError` is the client's to fix (400). */
const statusByCode: Record<string, ContentfulStatusCode> = {
  not_found: 404,
  conflict: 409,
  too_many_runs: 429,
};

/**
 * True when the client went away before its request was read: the body stream ends with Node's
 * `aborted` (ECONNRESET) or the request's signal is aborted. Ours to note, not a fault of ours.
 */
function clientAborted(error: Error, c: Context): boolean {
  if (c.req.raw.signal?.aborted) return true;
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    // Node's own error for a request whose connection closed mid-body; not a reset of a connection we opened.
    if ((e as { code?: string }).code === 'ECONNRESET' && e.message === 'aborted') return true;
  }
  return false;
}

/**
 * Hono's `onError`: known errors become problem+json with their safe message; a client that went
 * away mid-request is noted at info level (its answer goes nowhere); anything else is logged in
 * full and answered 500 with a message that gives nothing away.
 */
export function errorResponse(logger: Logger) {
  return (error: Error, c: Context): Response => {
    if (clientAborted(error, c)) {
      logger.info('client closed the connection before its request was read', { path: c.req.path, method: c.req.method });
      c.header('connection', 'close');
      return problem(c, 400, 'request-aborted', 'The request ended before its body was complete.');
    }
    if (error instanceof ValidationError) {
      return problem(c, 400, 'validation-failed', error.message, { errors: error.issues });
    }
    if (error instanceof AppError) {
      if (error.retryable) {
        // The message of a retryable error is written for users ("the queue is unavailable; try again").
        logger.warn('API request failed with a transient error', { error, code: error.code, path: c.req.path });
        c.header('retry-after', '5');
        return problem(c, 503, error.code, error.message);
      }
      if (error.code === 'scheduler_error') {
        // EventBridge refused for a reason of its own (permissions, quotas): ours to fix, not the caller's.
        logger.error('the scheduler refused a change', { error, path: c.req.path });
        return problem(c, 502, 'scheduler-error', 'The scheduler refused the change; the error was logged.');
      }
      if ('retryAfterSeconds' in error && typeof error.retryAfterSeconds === 'number') c.header('retry-after', String(error.retryAfterSeconds));
      return problem(c, statusByCode[error.code] ?? 400, error.code, error.message);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problem(c, error.status, 'http-error', error.message || undefined);
    }
    logger.error('unhandled API error', { error, path: c.req.path, method: c.req.method });
    return problem(c, 500, 'internal-error', 'Something went wrong on our side; the error was logged.');
  };
}
