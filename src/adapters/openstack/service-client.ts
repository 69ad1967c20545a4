import type { Logger } from '../../domain/ports';
import type { AuthSession, AuthState } from './auth/auth-session';
import { OpenStackHttpError } from './errors/openstack-http-error';
import { OpenStackResponseError } from './errors/openstack-response-error';
import { resolveHref } from './http/resolve-href';
import type { HttpMethod, HttpResponse, HttpTransport } from './http/transport';
import type { ServiceType } from './service-type';
import type { z } from 'zod';

/** Query values: arrays repeat the key (`project_id=a&project_id=b`), undefined is left out. */
export type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/**
 * One service endpoint with a token source (gophercloud's ServiceClient): builds URLs, sends
 * authenticated requests, re-authenticates once on 401, and parses bodies with zod.
 */
export class ServiceClient {
  readonly service: ServiceType;
  /** Base URL without a trailing slash, e.g. `https://nova:8774/v2.1`. */
  readonly endpoint: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly #session: AuthSession;
  readonly #transport: HttpTransport;
  readonly #knownOrigins: ReadonlySet<string>;
  readonly #logger?: Logger;

  constructor(deps: {
    service: ServiceType;
    endpoint: string;
    session: AuthSession;
    transport: HttpTransport;
    /** Origins of the cloud (catalog and keystone), where absolute next links may be followed. */
    knownOrigins: ReadonlySet<string>;
    headers?: Record<string, string>;
    logger?: Logger;
  }) {
    this.service = deps.service;
    this.endpoint = deps.endpoint.replace(/\/+$/, '');
    this.headers = deps.headers ?? {};
    this.#session = deps.session;
    this.#transport = deps.transport;
    this.#knownOrigins = deps.knownOrigins;
    this.#logger = deps.logger;
  }

  /** `endpoint/path?query`. */
  url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) params.append(key, v);
      else params.append(key, String(value));
    }
    const search = params.toString();
    return `${this.endpoint}/${path.replace(/^\/+/, '')}${search ? `?${search}` : ''}`;
  }

  /** Resolves a next link (see `resolveHref`); warns when it had to re-base a foreign host. */
  resolve(href: string): string {
    const { url, rebased } = resolveHref(href, this.endpoint, this.#knownOrigins);
    if (rebased) {
      this.#logger?.warn('openstack next link points outside the cloud; following it on the endpoint host', {
        service: this.service,
        href,
        url,
      });
    }
    return url;
  }

  /** A copy with extra headers (e.g. the negotiated compute microversion). */
  withHeaders(headers: Record<string, string>): ServiceClient {
    return new ServiceClient({
      service: this.service,
      endpoint: this.endpoint,
      session: this.#session,
      transport: this.#transport,
      knownOrigins: this.#knownOrigins,
      headers: { ...this.headers, ...headers },
      logger: this.#logger,
    });
  }

  /** GET and parse with `schema`; a body that does not match throws `OpenStackResponseError`. */
  async getParsed<S extends z.ZodType>(url: string, schema: S, okCodes: readonly number[] = [200]): Promise<z.output<S>> {
    const response = await this.request('GET', url, okCodes);
    return this.parse(url, response.body, schema);
  }

  parse<S extends z.ZodType>(url: string, body: unknown, schema: S): z.output<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    throw new OpenStackResponseError({ service: this.service, method: 'GET', url, problem: issues.join('; ') });
  }

  /**
   * Sends with the current token; on 401 drops the token, authenticates again and retries once.
   * `body` goes as JSON; `extra.payload` as raw bytes (object uploads) with `extra.headers`.
   */
  async request(
    method: HttpMethod,
    url: string,
    okCodes: readonly number[] = [200],
    body?: unknown,
    extra: { headers?: Record<string, string>; payload?: Uint8Array } = {},
  ): Promise<HttpResponse> {
    const state = await this.#session.current();
    try {
      return await this.send(state, method, url, okCodes, body, extra);
    } catch (error) {
      if (!(error instanceof OpenStackHttpError) || error.status !== 401) throw error;
      this.#session.invalidate(state);
      return this.send(await this.#session.current(), method, url, okCodes, body, extra);
    }
  }

  private send(
    state: AuthState,
    method: HttpMethod,
    url: string,
    okCodes: readonly number[],
    body: unknown,
    extra: { headers?: Record<string, string>; payload?: Uint8Array },
  ) {
    return this.#transport.send({
      service: this.service,
      method,
      url,
      body,
      ...(extra.payload ? { payload: extra.payload } : {}),
      okCodes,
      headers: { ...this.headers, ...extra.headers, 'X-Auth-Token': state.token.reveal() },
    });
  }
}
