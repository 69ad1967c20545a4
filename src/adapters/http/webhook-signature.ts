import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of a webhook request (documented in README.md). */
export const webhookHeaders = {
  /** Unix time in seconds when this attempt was signed. */
  timestamp: 'X-OpenStack-Reports-Timestamp',
  /** `v1=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>`. */
  signature: 'X-OpenStack-Reports-Signature',
  /** `${runId}:webhook`: the same on every attempt and redelivery of one run's webhook. */
  delivery: 'X-OpenStack-Reports-Delivery',
} as const;

/** The signature header value for `body` sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Checks a received webhook: a `v1=` signature over `${timestamp}.${body}` with `secret`, and a
 * timestamp within `toleranceSeconds` of `now` (replay protection). Constant-time comparison.
 */
export function verifyWebhookSignature(input: {
  secret: string;
  body: string;
  timestamp: string;
  signature: string;
  now: Date;
  toleranceSeconds?: number;
}): boolean {
  if (!/^\d+$/.test(input.timestamp)) return false;
  const ts = Number(input.timestamp);
  if (Math.abs(input.now.getTime() / 1000 - ts) > (input.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  const given = Buffer.from(input.signature.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
