/**
 * A small in-memory cache with per-entry expiry. One instance lives at module scope
 * (`sharedCache`), so a warm Lambda reuses tokens, catalogs, flavors and images across
 * invocations; tests pass their own.
 */
export class TtlCache {
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();
  readonly #loading = new Map<string, Promise<unknown>>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get<T>(key: string): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value as T;
  }

  set(key: string, value: unknown, ttlMs: number): void {
    if (ttlMs <= 0) {
      this.#entries.delete(key);
      return;
    }
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlMs });
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /**
   * The cached value, or the one `load` produces (then cached for `ttlMs`, which may depend on the
   * value, e.g. a token's expiry). Concurrent callers share one load: a fan-out over 500 projects
   * fetches flavors once.
   */
  async getOrLoad<T>(key: string, ttlMs: number | ((value: T) => number), load: () => Promise<T>): Promise<T> {
    const cached = this.get<T>(key);
    if (cached !== undefined) return cached;
    let pending = this.#loading.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load().then(
        (value) => {
          this.#loading.delete(key);
          this.set(key, value, typeof ttlMs === 'function' ? ttlMs(value) : ttlMs);
          return value;
        },
        (error: unknown) => {
          this.#loading.delete(key);
          throw error;
        },
      );
      this.#loading.set(key, pending);
    }
    return pending;
  }
}

/** The module-scoped cache shared by every client in this process (warm Lambda invocations). */
export const sharedCache = new TtlCache();
