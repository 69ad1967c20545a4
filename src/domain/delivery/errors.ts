import { AppError } from '../errors';

/**
 * A delivery that failed. `retryable` errors are retried by the queue (the claim is released first);
 * the others mark the channel failed at once: a rejected address will not be accepted on a retry.
 * `attempts` is how many times the sender tried before giving up (a webhook sender retries on its
 * own): the delivery's state counts them, so its attempts and its error never disagree.
 */
export class DeliveryError extends AppError {
  override name = 'DeliveryError';
  readonly attempts?: number;
  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown; attempts?: number }) {
    super(code, message, options);
    if (options.attempts !== undefined) this.attempts = options.attempts;
  }
}
