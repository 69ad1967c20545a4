/** Retry timing: exponential backoff with full jitter, and `Retry-After` when the server sends it. */
export interface BackoffPolicy {
  /** First retry waits up to this long; each further retry doubles it. */
  baseDelayMs: number;
  /** The exponential window never grows beyond this. */
  maxDelayMs: number;
  /** `Retry-After` is obeyed up to this long (a misconfigured proxy may say an hour). */
  maxRetryAfterMs: number;
  /** In [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff And Jitter): a uniform wait in
 * [0, min(max, base * 2^retry)), which spreads retries of many clients hitting one failing API.
 */
export function backoffDelayMs(policy: BackoffPolicy, retry: number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(policy.random() * window);
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds,
 * capped, or undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, maxMs: number, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (value === '') return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, Math.ceil(ms)), maxMs);
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
