/**
 * Idempotency keys: a client that sends `Idempotency-Key` with a create request gets the same
 * resource back when it repeats the request, however often, for `idempotencyTtlSeconds`.
 */

/** How long a key is remembered: 24 hours. */
export const idempotencyTtlSeconds = 24 * 3600;

/** One remembered key. Keys are per owner: two owners may use the same key for different things. */
export interface IdempotencyRecord {
  owner: string;
  key: string;
  /** Hash of the request body the key was first used with, to refuse its reuse with another body. */
  requestHash: string;
  /** Id of the resource the first request created (or is creating). */
  resourceId: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; after it the key is free again. */
  expiresAt: string;
}

/** The outcome of a claim: the key was free and is now ours, or someone used it first. */
export type IdempotencyClaim = { claimed: true } | { claimed: false; existing: IdempotencyRecord };

/** Where idempotency keys live (a DynamoDB item per key on AWS, process memory in tests). */
export interface IdempotencyStore {
  /**
   * Records the key if it is free or expired at `now`, atomically: of two concurrent claims of one
   * key, exactly one wins; the other gets the winner's record.
   */
  claim(record: IdempotencyRecord, now: Date): Promise<IdempotencyClaim>;
  /** Frees a key (the request that claimed it failed, so a retry with the same key must work). */
  release(owner: string, key: string): Promise<void>;
}
