/**
 * The one HTTP server behind every service: routes by path prefix, applies injected faults,
 * authenticates tokens like keystonemiddleware, counts requests and writes responses.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { cinder, cinderIsPublic } from './cinder';
import type { CloudContext, ServiceHandler } from './context';
import { internalErrorMessage, keystoneError, serviceError } from './errors';
import type { FaultInjector } from './faults';
import { glance, glanceIsPublic } from './glance';
import type { AuthContext, DemoRequest, DemoResponse, ServiceType } from './http';
import { keystone, keystoneIsPublic } from './keystone';
import { neutron, neutronIsPublic } from './neutron';
import { nova, novaIsPublic } from './nova';
import { SWIFT_LIMITS, swift, swiftIsPublic } from './swift';

/** One served request, for an optional access log. */
export interface RequestLogEntry {
  method: string;
  /** Path and query as requested. */
  url: string;
  service: string;
  status: number;
  durationMs: number;
}

/** Request counters, for tests and benchmarks. */
export interface RequestStats {
  requests: number;
  /** By service type (`identity`, `compute`, `volume`, `network`, `image`, `object-store`, `unknown`). */
  byService: Record<string, number>;
  /** By HTTP status code, as a string. */
  byStatus: Record<string, number>;
}

interface Service {
  handler: ServiceHandler;
  isPublic: (req: Pick<DemoRequest, 'method' | 'path'>) => boolean;
}

const SERVICES: Record<ServiceType, Service> = {
  identity: { handler: keystone, isPublic: keystoneIsPublic },
  compute: { handler: nova, isPublic: novaIsPublic },
  volume: { handler: cinder, isPublic: cinderIsPublic },
  network: { handler: neutron, isPublic: neutronIsPublic },
  image: { handler: glance, isPublic: glanceIsPublic },
  'object-store': { handler: swift, isPublic: swiftIsPublic },
};

/** JSON bodies are small; Swift objects are as large as the demo allows. */
const MAX_BODY = 1024 * 1024;

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new RangeError('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Swift's transaction id, `tx<21 hex>-<hex seconds>`, also sent as `X-Openstack-Request-Id`. */
function swiftTransId(): string {
  return `tx${randomBytes(11).toString('hex').slice(0, 21)}-${Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(10, '0')}`;
}

function unauthorized(ctx: CloudContext): DemoResponse {
  const response = keystoneError(401, 'The request you have made requires authentication.');
  response.headers = { 'WWW-Authenticate': `Keystone uri="${ctx.baseUrl}/identity"` };
  return response;
}

function authenticate(req: IncomingMessage, ctx: CloudContext, faults: FaultInjector): AuthContext | null {
  const header = req.headers['x-auth-token'];
  const found = ctx.tokens.use(typeof header === 'string' ? header : undefined, faults.revokeAfter());
  if (!found.ok) return null;
  const user = ctx.store.users.get(found.token.userId);
  if (!user) return null;
  return { token: found.token, user, projectId: found.token.projectId, isAdmin: found.token.roles.some((r) => r.name === 'admin') };
}

/** Serves the cloud; `ctx.baseUrl` is filled in once the port is known. */
export class DemoHttpServer {
  private readonly server: Server;
  private sequence = 0;
  private counters: RequestStats = { requests: 0, byService: {}, byStatus: {} };

  constructor(
    private readonly ctx: CloudContext,
    private readonly faults: FaultInjector,
    private readonly onRequest?: (entry: RequestLogEntry) => void,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      });
    });
  }

  /** Starts listening and returns the base URL. */
  async listen(host: string, port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${shownHost}:${address.port}`;
  }

  /** A copy of the counters. */
  stats(): RequestStats {
    return { requests: this.counters.requests, byService: { ...this.counters.byService }, byStatus: { ...this.counters.byStatus } };
  }

  /** Zeroes the counters (the fault sequence keeps counting, so decisions stay reproducible). */
  resetStats(): void {
    this.counters = { requests: 0, byService: {}, byStatus: {} };
  }

  /** Stops listening and drops open keep-alive connections. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sequence = ++this.sequence;
    const startedMs = Date.now();
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const [first = '', ...rest] = url.pathname.split('/').filter(Boolean);
    const service = (Object.hasOwn(SERVICES, first) ? first : null) as ServiceType | null;
    const method = (req.method ?? 'GET').toUpperCase();
    const maxBody = service === 'object-store' ? SWIFT_LIMITS.maxFileSize : MAX_BODY;
    const rawBody = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req, maxBody).catch(() => null);

    const latency = this.faults.latencyMs();
    if (latency > 0) await delay(latency);

    let response: DemoResponse;
    if (!service) {
      response = { status: 404, text: '404 Not Found\n\nThe resource could not be found.\n', contentType: 'text/plain; charset=UTF-8' };
    } else {
      response = this.dispatch(req, service, method, rest, url, rawBody, sequence);
    }
    this.count(service ?? 'unknown', response.status);
    this.write(res, service, method, response);
    this.onRequest?.({ method, url: req.url ?? '/', service: service ?? 'unknown', status: response.status, durationMs: Date.now() - startedMs });
  }

  private dispatch(
    req: IncomingMessage,
    service: ServiceType,
    method: string,
    rest: string[],
    url: URL,
    rawBody: Buffer | null,
    sequence: number,
  ): DemoResponse {
    const fault = this.faults.decide(sequence, url.pathname + url.search);
    const accept = typeof req.headers.accept === 'string' ? req.headers.accept : undefined;
    if (fault.kind === 'rate-limit') {
      return serviceError(service, 429, 'This request was rate-limited.', { retryAfter: fault.retryAfterSeconds, accept, neutronType: 'OverQuota' });
    }
    if (fault.kind === 'error') return serviceError(service, fault.status, internalErrorMessage(service, fault.status), { accept });

    const path = rest.length === 0 ? '' : `/${rest.join('/')}`;
    const { handler, isPublic } = SERVICES[service];
    let auth: AuthContext | null = null;
    if (!isPublic({ method, path })) {
      auth = authenticate(req, this.ctx, this.faults);
      // keystonemiddleware answers in Keystone's format whatever the service behind it.
      if (!auth || (service !== 'identity' && auth.projectId === null)) return unauthorized(this.ctx);
    }
    if (rawBody === null) return serviceError(service, 413, service === 'object-store' ? 'Your request is too large.' : 'Request is too large.', { accept });
    let body: unknown;
    const bodyText = service === 'object-store' ? '' : rawBody.toString('utf8');
    if (bodyText) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        return serviceError(service, 400, 'Malformed request body', { accept });
      }
    }
    const request: DemoRequest = {
      method,
      path,
      segments: rest.map((s) => decodeURIComponent(s)),
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody,
      serviceUrl: `${this.ctx.baseUrl}/${service}`,
      url: `${this.ctx.baseUrl}${url.pathname}${url.search}`,
      auth,
    };
    try {
      return handler(request, this.ctx);
    } catch (error) {
      console.error('demo cloud: handler failed', error);
      return serviceError(service, 500, internalErrorMessage(service, 500), { accept });
    }
  }

  private count(service: string, status: number): void {
    const c = this.counters;
    c.requests += 1;
    c.byService[service] = (c.byService[service] ?? 0) + 1;
    c.byStatus[String(status)] = (c.byStatus[String(status)] ?? 0) + 1;
  }

  private write(res: ServerResponse, service: ServiceType | null, method: string, response: DemoResponse): void {
    const requestId = service === 'object-store' ? swiftTransId() : `req-${randomUUID()}`;
    const headers: Record<string, string> = { 'x-openstack-request-id': requestId, ...response.headers };
    if (service === 'compute') headers['X-Compute-Request-Id'] = requestId;
    if (service === 'object-store') headers['X-Trans-Id'] = requestId;
    let payload: string | Uint8Array = '';
    if (response.status !== 204) {
      if (response.bytes !== undefined) {
        payload = response.bytes;
        headers['Content-Type'] = response.contentType ?? 'application/octet-stream';
      } else if (response.text !== undefined) {
        payload = response.text;
        headers['Content-Type'] = response.contentType ?? 'text/plain; charset=UTF-8';
      } else if (response.body !== undefined) {
        payload = JSON.stringify(response.body);
        headers['Content-Type'] = 'application/json';
      }
    }
    headers['Content-Length'] = String(Buffer.byteLength(payload));
    res.writeHead(response.status, headers);
    res.end(method === 'HEAD' ? undefined : payload);
  }
}
