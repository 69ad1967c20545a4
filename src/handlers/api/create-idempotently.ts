import { idempotencyTtlSeconds, type IdempotencyStore } from '../../domain/idempotency';
import type { Logger } from '../../domain/ports';

/** How long a claimed key whose resource does not exist yet counts as "being created" rather than abandoned. */
const inFlightMs = 60_000;

export interface IdempotentCreateInput<T> {
  store: IdempotencyStore;
  logger: Logger;
  owner: string;
  key: string;
  requestHash: string;
  now: Date;
  newId: () => string;
  /** Creates the resource under the id the key was claimed with. */
  create: (id: string) => Promise<T>;
  /** The resource a key already points at, if it (still) exists. */
  find: (id: string) => Promise<T | undefined>;
}

/** What became of an idempotent create. */
export type IdempotentCreateResult<T> =
  | { kind: 'created'; value: T }
  | { kind: 'replayed'; value: T }
  /** The key was used with another body. */
  | { kind: 'mismatch' }
  /** The key's first request is still creating its resource. */
  | { kind: 'in-flight' };

/**
 * Runs `create` once per owner and key: the key is claimed (with the id the resource will have)
 * before the resource is created, so two concurrent requests cannot both create. A failed create
 * frees the key, so the client's retry with the same key works. A key pointing at a resource that
 * no longer exists (deleted, or its request died before creating it) is freed and claimed afresh.
 */
export async function createIdempotently<T>(input: IdempotentCreateInput<T>): Promise<IdempotentCreateResult<T>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const id = input.newId();
    const claim = await input.store.claim(
      {
        owner: input.owner,
        key: input.key,
        requestHash: input.requestHash,
        resourceId: id,
        createdAt: input.now.toISOString(),
        expiresAt: new Date(input.now.getTime() + idempotencyTtlSeconds * 1000).toISOString(),
      },
      input.now,
    );
    if (claim.claimed) {
      try {
        return { kind: 'created', value: await input.create(id) };
      } catch (error) {
        await input.store
          .release(input.owner, input.key)
          .catch((cleanup: unknown) => input.logger.error('could not release an idempotency key after a failed create', { error: cleanup }));
        throw error;
      }
    }
    const existing = claim.existing;
    if (existing.requestHash !== input.requestHash) return { kind: 'mismatch' };
    const value = await input.find(existing.resourceId);
    if (value !== undefined) return { kind: 'replayed', value };
    if (input.now.getTime() - Date.parse(existing.createdAt) < inFlightMs) return { kind: 'in-flight' };
    await input.store.release(input.owner, input.key);
  }
  return { kind: 'in-flight' };
}
