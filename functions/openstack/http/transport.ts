import type { Logger } from '../../core/ports';
import { OpenStackHttpError } from '../errors/openstack-http-error';
import { OpenStackNetworkError } from '../errors/openstack-network-error';
import { OpenStackResponseError } from '../errors/openstack-response-error';
import { OpenStackTimeoutError } from '../errors/openstack-timeout-error';
import { extractServiceMessage } from '../errors/service-error-message';
import type { ServiceType } from '../service-type';
import { type BackoffPolicy, backoffDelayMs, retryAfterMs, sleep } from './backoff';
import { safeUrl } from './safe-url';
import { Semaphore } from './semaphore';
import type { Dispatcher } from './tls-dispatcher';

/** One HTTP exchange with an OpenStack API. */
export interface HttpRequest {
  service: ServiceType;
  method: 'GET' | 'POST' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Statuses that count as success (gophercloud's `OkCodes`); anything else throws. */
  okCodes: readonly number[];
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  maxRetries: number;
  backoff: BackoffPolicy;
  concurrency: number;
  logger?: Logger;
  /** Resolved once, lazily: reading a CA file is async. */
  dispatcher: () => Promise<Dispatcher | undefined>;
}

/** Counters for benchmarks and tests: every attempt on the wire is one request. */
export interface TransportStats {
  requests: number;
  retries: number;
}

/**
 * Sends requests: per-request timeout, bounded concurrency, retries with backoff on 5xx, 429,
 * timeouts and connection failures (honouring `Retry-After`), and typed errors that name the
 * service, URL and request id. Authentication lives a layer above (`ServiceClient`), because a 401
 * needs a new token rather than the same request again.
 */
export class HttpTransport {
  readonly #options: TransportOptions;
  readonly #semaphore: Semaphore;
  readonly stats: TransportStats = { requests: 0, retries: 0 };

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#semaphore = new Semaphore(options.concurrency);
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    for (let retry = 0; ; retry++) {
      try {
        // The slot is held for one attempt only, never across a backoff sleep.
        return await this.#semaphore.run(() => this.attempt(request));
      } catch (error) {
        const retryable = (error as { retryable?: unknown }).retryable === true;
        if (!retryable || retry >= this.#options.maxRetries) throw error;
        const delay = this.delayFor(error, retry);
        this.stats.retries++;
        this.#options.logger?.warn('openstack request failed, retrying', {
          service: request.service,
          method: request.method,
          url: safeUrl(request.url),
          status: error instanceof OpenStackHttpError ? error.status : undefined,
          requestId: error instanceof OpenStackHttpError ? error.requestId : undefined,
          error: (error as Error).name,
          retry: retry + 1,
          delayMs: delay,
        });
        await sleep(delay);
      }
    }
  }

  private delayFor(error: unknown, retry: number): number {
    const policy = this.#options.backoff;
    if (error instanceof OpenStackHttpError && error.retryAfterMs !== undefined) return error.retryAfterMs;
    return backoffDelayMs(policy, retry);
  }

  private async attempt(request: HttpRequest): Promise<HttpResponse> {
    const { method, service } = request;
    const url = safeUrl(request.url);
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const dispatcher = await this.#options.dispatcher();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#options.timeoutMs);
    this.stats.requests++;
    let response: Response;
    let text: string;
    try {
      response = await this.#options.fetch(request.url, {
        method,
        headers,
        body,
        signal: controller.signal,
        redirect: 'follow',
        ...(dispatcher ? { dispatcher } : {}),
      } as RequestInit);
      // The timeout covers the body too: a stalled page must not hang a report.
      text = await response.text();
    } catch (error) {
      if (controller.signal.aborted) {
        throw new OpenStackTimeoutError({ service, method, url, timeoutMs: this.#options.timeoutMs });
      }
      throw new OpenStackNetworkError({ service, method, url }, { cause: error });
    } finally {
      clearTimeout(timer);
    }

    if (!request.okCodes.includes(response.status)) {
      throw new OpenStackHttpError({
        service,
        method,
        url,
        status: response.status,
        requestId: response.headers.get('x-openstack-request-id') ?? response.headers.get('x-compute-request-id') ?? undefined,
        serviceMessage: extractServiceMessage(service, text),
        retryAfterMs: retryAfterMs(response.headers.get('retry-after'), this.#options.backoff.maxRetryAfterMs),
      });
    }

    return { status: response.status, headers: response.headers, body: parseJson(text, { service, method, url }) };
  }
}

function parseJson(text: string, where: { service: ServiceType; method: string; url: string }): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OpenStackResponseError({ ...where, problem: 'the body is not JSON' }, { cause: error });
  }
}
