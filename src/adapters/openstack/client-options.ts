import type { Logger, Metrics, Tracer } from '../../domain/ports';
import type { TtlCache } from './cache/ttl-cache';
import type { Exchange } from '../http/http-exchange';

/** Tuning of `OpenStackClient`; every field has a production default. */
export interface OpenStackClientOptions {
  /** Per request, headers and body included (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt on 5xx, 429, timeouts and connection failures (default 5). */
  maxRetries?: number;
  /** Requests in flight at once, across all projects and services (default 8). */
  concurrency?: number;
  logger?: Logger;
  /** OpenStack requests, retries and errors as metrics. */
  metrics?: Metrics;
  /** A client span per request, with `openstack.request_id`. */
  tracer?: Tracer;
  /**
   * Sends one request on the wire; defaults to `node:http`/`node:https` with the cloud's TLS
   * settings. Tests wrap the default to alter bytes on the way.
   */
  exchange?: Exchange;
  /** First backoff window (default 250 ms); doubles per retry up to `retryMaxDelayMs` (default 8 s). */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** `Retry-After` is obeyed up to this long (default 60 s). */
  maxRetryAfterMs?: number;
  /** Lifetime of cached flavors, images and the negotiated microversion (default 10 min). */
  cacheTtlMs?: number;
  /** Where tokens, catalogs, flavors and images are kept; defaults to the process-wide cache. */
  cache?: TtlCache;
  /**
   * Admin listings for at most this many named projects filter on the server, one listing per
   * project; more projects use one all-projects listing filtered here (default 5). Either way
   * the request count stays proportional to pages, not to projects times pages.
   */
  perProjectThreshold?: number;
  /**
   * Highest compute microversion to ask for (default 2.100, the newest this client reads). Lower
   * it to work around a nova bug; below 2.47 flavors are looked up in flavors/detail.
   */
  maxComputeMicroversion?: string;
  /** In [0, 1), for backoff jitter; injectable for deterministic tests. */
  random?: () => number;
}

export const DEFAULTS = {
  timeoutMs: 30_000,
  maxRetries: 5,
  concurrency: 8,
  retryBaseDelayMs: 250,
  retryMaxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  cacheTtlMs: 10 * 60_000,
  perProjectThreshold: 5,
} as const;
