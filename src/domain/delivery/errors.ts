import { AppError } from '../errors';

/**
 * A delivery that failed. `retryable` errors are retried by the queue (the claim is released first);
 * the others mark the channel failed at once: a rejected address will not be accepted on a retry.
 */
export class DeliveryError extends AppError {
  override name = 'DeliveryError';
  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(code, message, options);
  }
}
