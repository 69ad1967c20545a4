import type { Flavor, Image, Project } from '../../domain/cloud';
import { AppError } from '../../domain/errors';
import { AuthSession } from './auth/auth-session';
import { EndpointNotFoundError } from './auth/catalog';
import { serviceEndpoint } from './auth/service-endpoint';
import { credentialKey } from './auth/credential-key';
import { sharedCache, type TtlCache } from './cache/ttl-cache';
import { DEFAULTS, type OpenStackClientOptions } from './client-options';
import { NEWEST_COMPUTE_MICROVERSION, negotiateMicroversion } from './compute/microversion';
import { discoverComputeVersion, listFlavorsDetail, microversionHeaders } from './compute/requests';
import type { CloudConfig } from './config/cloud-config';
import { createNodeExchange } from '../http/http-exchange';
import { HttpTransport, type TransportStats } from './http/transport';
import { listImages } from './image/requests';
import { listProjects } from './identity/requests';
import { ServiceClient } from './service-client';
import type { ServiceType } from './service-type';

/** New projects should show up in reports quickly; a minute still spares repeated listings. */
const PROJECTS_TTL_MS = 60_000;

/** Who the client is, as Keystone sees it (no token). */
export interface AuthInfo {
  projectId?: string;
  projectName?: string;
  userId: string;
  userName?: string;
  roles: string[];
  /** Has the `admin` role: can list every project's resources. */
  isAdmin: boolean;
  expiresAt: string;
  /** Service types in the catalog. */
  catalogTypes: string[];
}

/**
 * The typed OpenStack client (gophercloud's ProviderClient): holds the configuration, the HTTP
 * transport (timeouts, retries, concurrency), Keystone sessions (one per project scope) and the
 * caches, and hands out a `ServiceClient` per service. Calls themselves live in each service's
 * `requests.ts`; `OpenStackInventorySource` composes them into the `InventorySource` port.
 */
export class OpenStackClient {
  readonly config: CloudConfig;
  readonly options: Readonly<Required<Pick<OpenStackClientOptions, 'cacheTtlMs' | 'perProjectThreshold' | 'maxComputeMicroversion'>>> &
    Pick<OpenStackClientOptions, 'logger'>;
  readonly #transport: HttpTransport;
  readonly #cache: TtlCache;
  readonly #key: string;
  readonly #session: AuthSession;
  readonly #scoped = new Map<string, AuthSession>();

  constructor(config: CloudConfig, options: OpenStackClientOptions = {}) {
    this.config = config;
    this.options = {
      cacheTtlMs: options.cacheTtlMs ?? DEFAULTS.cacheTtlMs,
      perProjectThreshold: options.perProjectThreshold ?? DEFAULTS.perProjectThreshold,
      maxComputeMicroversion: options.maxComputeMicroversion ?? NEWEST_COMPUTE_MICROVERSION,
      logger: options.logger,
    };
    this.#cache = options.cache ?? sharedCache;
    this.#key = credentialKey(config.auth, [config.regionName, config.interface]);
    this.#transport = new HttpTransport({
      exchange: options.exchange ?? createNodeExchange({ cacert: config.cacert, verify: config.verify }),
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      logger: options.logger,
      ...(options.metrics ? { metrics: options.metrics } : {}),
      ...(options.tracer ? { tracer: options.tracer } : {}),
      backoff: {
        baseDelayMs: options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
        maxDelayMs: options.retryMaxDelayMs ?? DEFAULTS.retryMaxDelayMs,
        maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
        random: options.random ?? Math.random,
      },
    });
    this.#session = this.newSession();
  }

  /** HTTP requests sent so far (every attempt, retries and authentication included). */
  get requestCount(): number {
    return this.#transport.stats.requests;
  }

  /** Requests, retries and re-authentications after a 401 so far. */
  get stats(): TransportStats & { reauthentications: number } {
    let reauthentications = this.#session.reauthentications;
    for (const s of this.#scoped.values()) reauthentications += s.reauthentications;
    return { ...this.#transport.stats, reauthentications };
  }

  /** Authenticates (or reuses a valid token) and says who the client is. */
  async authenticate(): Promise<AuthInfo> {
    const { info } = await this.#session.current();
    return {
      projectId: info.project?.id,
      projectName: info.project?.name,
      userId: info.user.id,
      userName: info.user.name,
      roles: info.roles,
      isAdmin: info.roles.some((r) => r.toLowerCase() === 'admin'),
      expiresAt: info.expiresAt,
      catalogTypes: info.catalog.map((c) => c.type),
    };
  }

  /** True when the credentials can be rescoped to other projects (password or token auth). */
  get canRescope(): boolean {
    return this.config.auth.method !== 'application_credential';
  }

  /**
   * A client for `service`, scoped to the configured project or, for `projectId`, to that project
   * (a separate token: how a member reads several of its projects). Compute clients carry the
   * negotiated microversion.
   *
   * @throws EndpointNotFoundError when the catalog has no such service for the region/interface.
   */
  async service(service: ServiceType, projectId?: string): Promise<ServiceClient> {
    const session = await this.sessionFor(projectId);
    const state = await session.current();
    const endpoint = serviceEndpoint(this.config, state.info, service);
    const client = new ServiceClient({
      service,
      endpoint,
      session,
      transport: this.#transport,
      knownOrigins: this.knownOrigins(state.info.catalog.flatMap((c) => c.endpoints.map((e) => e.url))),
      logger: this.options.logger,
    });
    if (service !== 'compute') return client;
    const version = await this.computeMicroversion(client);
    return version ? client.withHeaders(microversionHeaders(version)) : client;
  }

  /** Like `service`, but undefined when the cloud has no such service (e.g. no cinder). */
  async optionalService(service: ServiceType, projectId?: string): Promise<ServiceClient | undefined> {
    try {
      return await this.service(service, projectId);
    } catch (error) {
      if (error instanceof EndpointNotFoundError) {
        this.options.logger?.warn('openstack service not in the catalog; treating it as empty', { service, reason: error.message });
        return undefined;
      }
      throw error;
    }
  }

  /** The compute microversion in use (undefined: 2.1 behaviour, no header sent). */
  async computeMicroversion(client?: ServiceClient): Promise<string | undefined> {
    const compute = client ?? (await this.service('compute'));
    const cap = this.options.maxComputeMicroversion;
    const { min, max } = await this.#cache.getOrLoad(`microversion:${compute.endpoint}`, this.options.cacheTtlMs, () => discoverComputeVersion(compute));
    return negotiateMicroversion(min, max, cap);
  }

  /** Flavors visible to the credentials (private ones too for admins), cached for `cacheTtlMs`. */
  async flavors(): Promise<Flavor[]> {
    const { isAdmin } = await this.authenticate();
    return this.#cache.getOrLoad(`flavors:${this.#key}`, this.options.cacheTtlMs, async () =>
      listFlavorsDetail(await this.service('compute'), { includePrivate: isAdmin }),
    );
  }

  /**
   * Projects visible to the credentials (all for an admin), cached for a minute: several inventory
   * calls of one report plan their scope from it.
   */
  async projects(): Promise<Project[]> {
    return this.#cache.getOrLoad(`projects:${this.#key}`, PROJECTS_TTL_MS, async () => {
      const { projects } = await listProjects(await this.service('identity'), this.options.logger);
      return projects;
    });
  }

  /** Images visible to the credentials, cached for `cacheTtlMs`; empty when the cloud has no glance. */
  async images(): Promise<Image[]> {
    return this.#cache.getOrLoad(`images:${this.#key}`, this.options.cacheTtlMs, async () => {
      const image = await this.optionalService('image');
      return image ? listImages(image) : [];
    });
  }

  private async sessionFor(projectId?: string): Promise<AuthSession> {
    if (projectId === undefined) return this.#session;
    const { info } = await this.#session.current();
    if (info.project?.id === projectId) return this.#session;
    if (!this.canRescope) {
      throw new AppError(
        'openstack_rescope_unsupported',
        `application credentials are bound to project ${info.project?.id ?? '(none)'} and cannot read project ${projectId}; use an admin credential or one per project`,
      );
    }
    let session = this.#scoped.get(projectId);
    if (!session) {
      session = this.newSession(projectId);
      this.#scoped.set(projectId, session);
    }
    return session;
  }

  private newSession(projectId?: string): AuthSession {
    return new AuthSession({
      auth: this.config.auth,
      projectId,
      transport: this.#transport,
      cache: this.#cache,
      cacheKey: projectId === undefined ? this.#key : `${this.#key}:${projectId}`,
      logger: this.options.logger,
    });
  }

  private knownOrigins(urls: string[]): Set<string> {
    const origins = new Set<string>();
    for (const url of [this.config.auth.authUrl, ...Object.values(this.config.endpointOverrides), ...urls]) {
      try {
        if (url) origins.add(new URL(url).origin);
      } catch {
        // a malformed catalog URL is simply not a known origin
      }
    }
    return origins;
  }
}
