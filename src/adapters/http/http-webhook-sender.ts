import type { Clock } from '../../domain/ports';
import { DeliveryError } from '../../domain/delivery/errors';
import type { WebhookRequest, WebhookSender } from '../../domain/delivery/ports';
import { signWebhook, webhookHeaders } from './webhook-signature';
import { isPrivateAddress } from '../../domain/delivery/private-addresses';
import { createNodeExchange, RefusedAddressError, type Exchange, type WireResponse } from './http-exchange';

/** Settings of the sender; a `WebhookPolicy` is one, as on AWS (both on) and locally (both off). */
export interface HttpWebhookSenderOptions {
  /** Refuse `http://` URLs and redirects to them (local receivers may be plain HTTP). */
  httpsOnly: boolean;
  /**
   * Refuse receivers on loopback, private, link-local and other reserved addresses, by IP literal
   * or by name (every address it resolves to, checked when connecting), so a report owner cannot
   * make the worker call into networks it can reach and they cannot (default: off).
   */
  refusePrivateAddresses?: boolean;
  /** Per attempt, headers and body included (default 10 s). */
  timeoutMs?: number;
  /** Attempts per `send`, the first included (default 4). */
  maxAttempts?: number;
  /** First back-off; doubled per attempt, with jitter (default 500 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Same-host redirects followed per attempt (default 3). */
  maxRedirects?: number;
  userAgent?: string;
  clock?: Clock;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

/** Receivers answer in a few bytes; a larger answer is not read past this. */
const MAX_RESPONSE_BYTES = 64 * 1024;

const redirectStatuses = new Set([301, 302, 307, 308]);

/**
 * `WebhookSender` over `node:http(s)`: POSTs the JSON body signed with HMAC-SHA256 (re-signed per
 * attempt, so the timestamp is fresh), retries network errors, timeouts, 408, 429 and 5xx with
 * exponential back-off, and follows redirects only to the same host (re-POSTing the body), so a
 * webhook can never be bounced to a host its owner did not name. Exhausted retries throw a
 * retryable `DeliveryError`; a 4xx answer or a refused URL or address throws a permanent one. Either
 * carries `attempts`, the POSTs made (its message does not repeat the count: the delivery state does).
 */
export class HttpWebhookSender implements WebhookSender {
  private readonly exchange: Exchange;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpWebhookSenderOptions) {
    this.exchange = createNodeExchange({
      verify: true,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      ...(options.refusePrivateAddresses ? { refuseAddress: isPrivateAddress } : {}),
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async send(request: WebhookRequest): Promise<{ status: number; attempts: number }> {
    let url: URL;
    try {
      url = this.checkUrl(request.url, request.url);
    } catch (error) {
      // Refused before any POST.
      throw error instanceof DeliveryError ? new DeliveryError(error.code, error.message, { retryable: error.retryable, attempts: 0 }) : error;
    }
    const maxAttempts = this.options.maxAttempts ?? 4;
    let lastProblem = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const res = await this.post(url, request, this.options.maxRedirects ?? 3);
        if (res.status >= 200 && res.status < 300) return { status: res.status, attempts: attempt };
        if (res.status !== 408 && res.status !== 429 && res.status < 500) {
          throw new DeliveryError('webhook_rejected', `The webhook receiver answered ${res.status}: POST ${describe(url)}`, { retryable: false });
        }
        lastProblem = `answered ${res.status}`;
        retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      } catch (error) {
        if (error instanceof DeliveryError) {
          throw new DeliveryError(error.code, error.message, { retryable: error.retryable, cause: error.cause, attempts: attempt });
        }
        if (error instanceof RefusedAddressError) {
          throw new DeliveryError('webhook_private_address', `Webhooks may not call private or reserved addresses: ${error.message}: POST ${describe(url)}`, {
            retryable: false,
            attempts: attempt,
          });
        }
        lastProblem = error instanceof TimedOut ? `timed out after ${this.options.timeoutMs ?? 10_000} ms` : networkProblem(error);
      }
      if (attempt < maxAttempts) await this.sleep(this.backoff(attempt, retryAfterMs));
    }
    throw new DeliveryError('webhook_unavailable', `The webhook receiver ${lastProblem}: POST ${describe(url)}`, {
      retryable: true,
      attempts: maxAttempts,
    });
  }

  private async post(url: URL, request: WebhookRequest, redirectsLeft: number): Promise<WireResponse> {
    const timestamp = Math.floor((this.options.clock?.now() ?? new Date()).getTime() / 1000);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': this.options.userAgent ?? 'openstack-reports-webhook/1',
      [webhookHeaders.timestamp]: String(timestamp),
      [webhookHeaders.delivery]: request.deliveryId,
    };
    if (request.secret) headers[webhookHeaders.signature] = signWebhook(request.secret, timestamp, request.body);
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    const res = await this.exchange({ method: 'POST', url: url.href, headers, body: request.body, signal }).catch((error: unknown) => {
      throw signal.aborted ? new TimedOut() : error;
    });
    if (!redirectStatuses.has(res.status)) return res;
    const location = res.headers.get('location');
    if (!location)
      throw new DeliveryError('webhook_rejected', `The webhook receiver redirected without a Location: POST ${describe(url)}`, { retryable: false });
    const target = this.checkUrl(new URL(location, url).href, location);
    if (target.host !== url.host) {
      throw new DeliveryError(
        'webhook_redirect_refused',
        `The webhook receiver redirected to another host (${target.host}); not followed: POST ${describe(url)}`,
        {
          retryable: false,
        },
      );
    }
    if (redirectsLeft <= 0) throw new DeliveryError('webhook_rejected', `Too many redirects: POST ${describe(url)}`, { retryable: false });
    return this.post(target, request, redirectsLeft - 1);
  }

  private checkUrl(href: string, shown: string): URL {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      throw new DeliveryError('webhook_invalid_url', `"${shown}" is not a URL.`, { retryable: false });
    }
    const allowed = this.options.httpsOnly ? ['https:'] : ['https:', 'http:'];
    if (!allowed.includes(url.protocol)) {
      throw new DeliveryError('webhook_insecure_url', `Webhooks must use ${allowed.join(' or ').replace(/:/g, '')}: ${describe(url)}`, { retryable: false });
    }
    return url;
  }

  private backoff(attempt: number, retryAfterMs: number | undefined): number {
    const max = this.options.maxDelayMs ?? 8_000;
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, max);
    const exp = Math.min(max, (this.options.baseDelayMs ?? 500) * 2 ** (attempt - 1));
    // Half fixed, half random: receivers recovering from an outage are not hit in lockstep.
    return exp / 2 + Math.random() * (exp / 2);
  }
}

/** An attempt that ran out of time (the exchange itself only says it was aborted). */
class TimedOut extends Error {}

/** The URL for messages and logs, without query or credentials (they may hold tokens). */
function describe(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function networkProblem(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return `could not be reached (${cause instanceof Error ? ('code' in cause && String(cause.code)) || cause.message : String(cause)})`;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
