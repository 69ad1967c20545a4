/**
 * Fault injection for tests and benchmarks: latency, a share of 500/503, a share of 429 with
 * `Retry-After`, token revocation after N uses, and a path pattern that always fails (500, or any
 * error status such as a 403). Which request fails depends only on the seed and the request's
 * sequence number.
 */
import { deriveSeed, mulberry32 } from './prng';

/** Faults to inject; every field is optional and 0/undefined means off. */
export interface DemoFaults {
  /** Delay before every response, in milliseconds. */
  latencyMs?: number;
  /** Share of requests (0..1) answered 500 or 503. */
  errorRate?: number;
  /** Share of requests (0..1) answered 429. */
  rateLimitRate?: number;
  /** `Retry-After` of 429 responses, in seconds (0 allowed); default 1. */
  retryAfterSeconds?: number;
  /** A token is revoked once it has authenticated this many requests; a new one works again. */
  revokeTokensAfterRequests?: number;
  /** Regular expression tested on path + query; matching requests always get `failPathStatus`. */
  failPathPattern?: string;
  /** The status of requests matching `failPathPattern` (e.g. 403, 503); default 500. */
  failPathStatus?: number;
}

/** What to do with one request. */
export type FaultDecision = { kind: 'none' } | { kind: 'error'; status: number } | { kind: 'rate-limit'; retryAfterSeconds: number };

function uniform(seed: number, stream: string, sequence: number): number {
  return mulberry32(deriveSeed(seed ^ sequence, stream))();
}

/** Holds the current faults; settable at start and at runtime. */
export class FaultInjector {
  private faults: DemoFaults = {};
  private pattern: RegExp | null = null;

  constructor(
    private readonly seed: number,
    initial: DemoFaults = {},
  ) {
    this.set(initial);
  }

  /** Replaces the faults (pass `{}` to turn everything off). Throws on an invalid pattern or rate. */
  set(faults: DemoFaults): void {
    for (const key of ['errorRate', 'rateLimitRate'] as const) {
      const rate = faults[key];
      if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new RangeError(`demo cloud: ${key} must be within [0, 1], got ${rate}`);
    }
    const status = faults.failPathStatus;
    if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
      throw new RangeError(`demo cloud: failPathStatus must be an HTTP error status (400-599), got ${status}`);
    }
    this.pattern = faults.failPathPattern ? new RegExp(faults.failPathPattern) : null;
    this.faults = { ...faults };
  }

  /** The faults in force. */
  get(): DemoFaults {
    return { ...this.faults };
  }

  /** Latency to add, in milliseconds. */
  latencyMs(): number {
    return Math.max(0, this.faults.latencyMs ?? 0);
  }

  /** Uses after which tokens are revoked, if set. */
  revokeAfter(): number | undefined {
    return this.faults.revokeTokensAfterRequests;
  }

  /** Decides the fate of request number `sequence` (1-based). */
  decide(sequence: number, pathAndQuery: string): FaultDecision {
    if (this.pattern?.test(pathAndQuery)) return { kind: 'error', status: this.faults.failPathStatus ?? 500 };
    const { rateLimitRate = 0, errorRate = 0 } = this.faults;
    if (rateLimitRate > 0 && uniform(this.seed, 'rate-limit', sequence) < rateLimitRate) {
      return { kind: 'rate-limit', retryAfterSeconds: this.faults.retryAfterSeconds ?? 1 };
    }
    if (errorRate > 0 && uniform(this.seed, 'error', sequence) < errorRate) {
      return { kind: 'error', status: uniform(this.seed, 'error-kind', sequence) < 0.5 ? 500 : 503 };
    }
    return { kind: 'none' };
  }
}
