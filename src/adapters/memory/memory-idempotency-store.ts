import type { IdempotencyClaim, IdempotencyRecord, IdempotencyStore } from '../../domain/idempotency';

/**
 * `IdempotencyStore` in process memory: right for one process (the local runtime, tests), wrong for
 * Lambda, where every instance would have its own keys. Expired keys are dropped as they are met.
 */
export class InMemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  async claim(record: IdempotencyRecord, now: Date): Promise<IdempotencyClaim> {
    const id = recordId(record.owner, record.key);
    const existing = this.records.get(id);
    if (existing && Date.parse(existing.expiresAt) > now.getTime()) return { claimed: false, existing: { ...existing } };
    this.records.set(id, { ...record });
    return { claimed: true };
  }

  async release(owner: string, key: string): Promise<void> {
    this.records.delete(recordId(owner, key));
  }
}

function recordId(owner: string, key: string): string {
  // Unambiguous whatever the strings hold: ("a#b", "c") and ("a", "b#c") stay apart.
  return JSON.stringify([owner, key]);
}
