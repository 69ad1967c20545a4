/**
 * A counting semaphore: at most `limit` holders at once, the rest wait in FIFO order. Bounds the
 * requests in flight so a 500-project fan-out does not open 500 connections to one API.
 */
export class Semaphore {
  readonly limit: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`semaphore limit must be a positive integer, got ${limit}`);
    this.limit = limit;
  }

  /** Runs `task` once a slot is free and frees the slot when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  private release(): void {
    const next = this.#waiting.shift();
    // The slot passes straight to the next waiter, so #active stays the same.
    if (next) next();
    else this.#active--;
  }
}
