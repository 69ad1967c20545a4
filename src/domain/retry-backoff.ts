/**
 * How long a failed job waits before the queue delivers it again. The worker shortens the message's
 * visibility to this (SQS ChangeMessageVisibility), so a transient failure costs seconds to minutes
 * instead of a whole visibility timeout (15 minutes locally, 60 on AWS).
 */
export interface RetryBackoff {
  /** The wait after the first failed attempt. */
  baseSeconds: number;
  /** Each further attempt waits this many times longer. */
  factor: number;
  /** The longest wait. */
  maxSeconds: number;
  /** ± this share of each wait is random, so jobs that failed together do not retry together. */
  jitter: number;
}

/** 10 s, 30 s, 90 s, 270 s, then 5 minutes, each ±20 %. */
export const defaultRetryBackoff: RetryBackoff = { baseSeconds: 10, factor: 3, maxSeconds: 300, jitter: 0.2 };

/** The wait after failed attempt number `attempt` (1 = the first delivery), in seconds, never above `maxSeconds`. */
export function retryDelaySeconds(attempt: number, backoff: Partial<RetryBackoff> = {}, random: () => number = Math.random): number {
  const b = { ...defaultRetryBackoff, ...backoff };
  const raw = Math.min(b.maxSeconds, b.baseSeconds * b.factor ** Math.max(0, attempt - 1));
  const jittered = raw * (1 - b.jitter + 2 * b.jitter * random());
  return Math.max(0, Math.min(b.maxSeconds, jittered));
}
