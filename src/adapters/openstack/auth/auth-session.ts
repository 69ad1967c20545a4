import type { Logger } from '../../../domain/ports';
import type { TtlCache } from '../cache/ttl-cache';
import type { CloudAuth } from '../config/cloud-config';
import { Secret } from '../config/secret';
import { OpenStackResponseError } from '../errors/openstack-response-error';
import type { HttpTransport } from '../http/transport';
import { authRequestBody } from '../identity/auth-request-body';
import { tokenResponseSchema, type TokenInfo } from '../identity/results';
import { identityV3Root, tokensUrl } from '../identity/urls';

/** A valid token with what came with it. The token is a `Secret`: it never reaches a log. */
export interface AuthState {
  token: Secret;
  info: TokenInfo;
  /** Epoch ms (local clock) after which the token is not used any more. */
  refreshAt: number;
}

/** Re-authenticate this long before `expires_at`, at most; a tenth of the lifetime for short tokens. */
const MAX_REFRESH_MARGIN_MS = 60_000;

/**
 * Holds the Keystone token for one scope: authenticates on first use, reuses the token until
 * shortly before it expires (shared across clients through the cache, i.e. across warm Lambda
 * invocations), and lets callers drop a token a service rejected with 401. Concurrent callers
 * share one authentication.
 */
export class AuthSession {
  readonly #auth: CloudAuth;
  readonly #projectId?: string;
  readonly #transport: HttpTransport;
  readonly #cache: TtlCache;
  readonly #key: string;
  readonly #logger?: Logger;
  /** Re-authentications after a 401, for tests and logs. */
  reauthentications = 0;

  constructor(deps: {
    auth: CloudAuth;
    /** Rescope to this project instead of the configured one. */
    projectId?: string;
    transport: HttpTransport;
    cache: TtlCache;
    cacheKey: string;
    logger?: Logger;
  }) {
    this.#auth = deps.auth;
    this.#projectId = deps.projectId;
    this.#transport = deps.transport;
    this.#cache = deps.cache;
    this.#key = `token:${deps.cacheKey}`;
    this.#logger = deps.logger;
  }

  /** A token valid for a while yet: the cached one, or a new one. */
  async current(): Promise<AuthState> {
    // The cache entry expires at refreshAt; a token too short-lived to cache is still used once.
    return this.#cache.getOrLoad(
      this.#key,
      (state: AuthState) => state.refreshAt - Date.now(),
      () => this.authenticate(),
    );
  }

  /** Forgets `state` if it is still the current token (a service answered 401 with it). */
  invalidate(state: AuthState): void {
    const cached = this.#cache.get<AuthState>(this.#key);
    // Undefined: another caller already dropped it and a new token is (being) fetched.
    if (cached !== undefined && cached.token === state.token) {
      this.#cache.delete(this.#key);
      this.reauthentications++;
      this.#logger?.info('openstack token rejected, re-authenticating', { project: state.info.project?.id });
    }
  }

  private async authenticate(): Promise<AuthState> {
    const base = identityV3Root(this.#auth.authUrl);
    const url = tokensUrl(base);
    const hasScope = this.#projectId ?? this.#auth.projectId ?? this.#auth.projectName;
    const received = Date.now();
    let token: Secret;
    let response;
    if (this.#auth.method === 'token' && !hasScope) {
      // A ready token without a scope to exchange it for: validate it to learn its catalog and expiry.
      const value = this.#auth.token!.reveal();
      response = await this.#transport.send({
        service: 'identity',
        method: 'GET',
        url,
        headers: { 'X-Auth-Token': value, 'X-Subject-Token': value },
        okCodes: [200],
      });
      token = this.#auth.token!;
    } else {
      response = await this.#transport.send({
        service: 'identity',
        method: 'POST',
        url,
        body: authRequestBody(this.#auth, this.#projectId),
        okCodes: [200, 201],
      });
      const header = response.headers.get('x-subject-token');
      if (!header) {
        throw new OpenStackResponseError({ service: 'identity', method: 'POST', url, problem: 'no X-Subject-Token header in the answer' });
      }
      token = new Secret(header);
    }
    const parsed = tokenResponseSchema.safeParse(response.body);
    if (!parsed.success) {
      throw new OpenStackResponseError({
        service: 'identity',
        method: 'POST',
        url,
        problem: `token body: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      });
    }
    const info = parsed.data;
    const fresh = token !== this.#auth.token;
    return { token, info, refreshAt: received + usableLifetimeMs(info, fresh, response.headers.get('date'), received) };
  }
}

/**
 * How long the token may be used, measured on the server's clock (`issued_at` of a token just
 * issued, else the `Date` header) so a skewed local clock neither wastes tokens nor uses expired ones.
 */
function usableLifetimeMs(info: TokenInfo, fresh: boolean, dateHeader: string | null, received: number): number {
  const expires = Date.parse(info.expiresAt);
  const issued = fresh && info.issuedAt ? Date.parse(info.issuedAt) : NaN;
  const serverNow = !Number.isNaN(issued) ? issued : dateHeader ? Date.parse(dateHeader) : received;
  const lifetime = expires - (Number.isNaN(serverNow) ? received : serverNow);
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetime * 0.1);
  return Math.max(0, lifetime - margin);
}
