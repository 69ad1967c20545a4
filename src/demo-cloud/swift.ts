/**
 * Swift (object storage v1) as a project's token sees it: its account `AUTH_<project_id>`,
 * containers and objects kept in memory (PUT, GET, HEAD, DELETE), listings in text or JSON, and
 * the checks a real proxy makes that clients depend on: 404 for an object PUT into a missing
 * container, 422 when the body does not match the `ETag` sent, 411 without a length, 403 for
 * another project's account, and the name length limits.
 */
import type { CloudContext, ServiceHandler } from './context';
import { swiftError } from './errors';
import { json, naiveMicro, type DemoRequest, type DemoResponse } from './http';
import { byUtf8, md5Hex, type DemoContainer } from './object-store';

/** Swift's defaults (`swift.conf` constraints), also served by `/info`. */
export const SWIFT_LIMITS = {
  maxContainerNameLength: 256,
  maxObjectNameLength: 1024,
  containerListingLimit: 10_000,
  accountListingLimit: 10_000,
  /** The demo keeps objects in memory, so far below Swift's 5 GiB. */
  maxFileSize: 64 * 1024 * 1024,
} as const;

/** keystoneauth's `operator_roles` as devstack sets them: who may write to their project's account. */
const OPERATOR_ROLES = new Set(['admin', 'member']);

/** True for `/info`, which Swift serves without a token. */
export function swiftIsPublic(req: Pick<DemoRequest, 'method' | 'path'>): boolean {
  return req.path === '/info';
}

/** Handles everything under `/object-store`. */
export const swift: ServiceHandler = (req, ctx) => {
  if (req.path === '/info') return req.method === 'GET' || req.method === 'HEAD' ? json(200, info()) : swiftError(405);
  const parts = splitPath(req);
  if (!parts) return swiftError(404);
  const { projectId, container, object } = parts;
  const auth = req.auth!;
  // keystoneauth: a token acts on its own project's account, and only with an operator role.
  if (projectId !== auth.projectId || !auth.token.roles.some((r) => OPERATOR_ROLES.has(r.name))) return swiftError(403);
  if (container === undefined) return account(req, ctx, projectId);
  const containerBytes = Buffer.byteLength(container, 'utf8');
  if (containerBytes > SWIFT_LIMITS.maxContainerNameLength) {
    return swiftError(400, `Container name length of ${containerBytes} longer than ${SWIFT_LIMITS.maxContainerNameLength}`);
  }
  if (object === undefined) return containerRequest(req, ctx, projectId, container);
  const objectBytes = Buffer.byteLength(object, 'utf8');
  if (objectBytes > SWIFT_LIMITS.maxObjectNameLength) {
    return swiftError(400, `Object name length of ${objectBytes} longer than ${SWIFT_LIMITS.maxObjectNameLength}`);
  }
  return objectRequest(req, ctx, projectId, container, object);
};

/**
 * `/v1/AUTH_<project>[/<container>[/<object>]]` from the raw path: an object name keeps its
 * slashes, empty segments included (`a//b` and `dir/` are names of their own in Swift).
 */
function splitPath(req: DemoRequest): { projectId: string; container?: string; object?: string } | null {
  const raw = new URL(req.url).pathname.replace(/^\/object-store\//, '');
  const match = /^v1\/AUTH_([^/]+)(?:\/([^/]*)(?:\/(.*))?)?$/.exec(raw);
  if (!match) return null;
  try {
    const container = match[2] === undefined || match[2] === '' ? undefined : decodeURIComponent(match[2]);
    const object = container === undefined || match[3] === undefined || match[3] === '' ? undefined : decodeURIComponent(match[3]);
    return { projectId: decodeURIComponent(match[1]!), container, object };
  } catch {
    return null;
  }
}

function info(): Record<string, unknown> {
  return {
    swift: {
      version: '2.34.0',
      max_file_size: SWIFT_LIMITS.maxFileSize,
      max_container_name_length: SWIFT_LIMITS.maxContainerNameLength,
      max_object_name_length: SWIFT_LIMITS.maxObjectNameLength,
      container_listing_limit: SWIFT_LIMITS.containerListingLimit,
      account_listing_limit: SWIFT_LIMITS.accountListingLimit,
      strict_cors_mode: true,
      policies: [{ name: 'Policy-0', aliases: 'Policy-0', default: true }],
    },
  };
}

function wantsJson(req: DemoRequest): boolean {
  const format = req.query.get('format');
  if (format) return format.toLowerCase() === 'json';
  const accept = req.headers.accept;
  return typeof accept === 'string' && /application\/json/i.test(accept);
}

/** `prefix`, `marker` and `limit` as Swift applies them to listings. */
function page<T extends { name: string }>(req: DemoRequest, items: T[], max: number): T[] | DemoResponse {
  const rawLimit = req.query.get('limit');
  const limit = rawLimit === null || rawLimit === '' ? max : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 0 || limit > max) return swiftError(412, `Maximum limit is ${max}`);
  const prefix = req.query.get('prefix') ?? '';
  const marker = req.query.get('marker');
  return items.filter((i) => i.name.startsWith(prefix) && (!marker || byUtf8(i.name, marker) > 0)).slice(0, limit);
}

/** A listing: names one a line, or JSON; an empty text listing is a 204 as in Swift. */
function listing(req: DemoRequest, entries: { name: string }[], headers: Record<string, string>): DemoResponse {
  if (wantsJson(req)) return json(200, entries, headers);
  if (entries.length === 0) return { status: 204, headers };
  return { status: 200, text: entries.map((e) => `${e.name}\n`).join(''), contentType: 'text/plain; charset=utf-8', headers };
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** Swift's `X-Timestamp`: seconds with five decimals. */
function timestamp(ms: number): string {
  return (ms / 1000).toFixed(5);
}

function account(req: DemoRequest, ctx: CloudContext, projectId: string): DemoResponse {
  const containers = ctx.objects.containers(projectId);
  const usage = containers.map((c) => ({ c, count: c.objects.size, bytes: sumBytes(c) }));
  const headers = {
    'X-Account-Container-Count': String(containers.length),
    'X-Account-Object-Count': String(usage.reduce((n, u) => n + u.count, 0)),
    'X-Account-Bytes-Used': String(usage.reduce((n, u) => n + u.bytes, 0)),
  };
  if (req.method === 'HEAD') return { status: 204, headers };
  if (req.method !== 'GET') return swiftError(405);
  const selected = page(
    req,
    usage.map((u) => ({ name: u.c.name, count: u.count, bytes: u.bytes, last_modified: naiveMicro(u.c.createdMs) })),
    SWIFT_LIMITS.accountListingLimit,
  );
  return Array.isArray(selected) ? listing(req, selected, headers) : selected;
}

function sumBytes(container: DemoContainer): number {
  let total = 0;
  for (const o of container.objects.values()) total += o.bytes.byteLength;
  return total;
}

function containerRequest(req: DemoRequest, ctx: CloudContext, projectId: string, name: string): DemoResponse {
  const now = Date.now();
  if (req.method === 'PUT') return { status: ctx.objects.createContainer(projectId, name, now) ? 201 : 202 };
  const container = ctx.objects.container(projectId, name);
  if (!container) return swiftError(404);
  const headers = {
    'X-Container-Object-Count': String(container.objects.size),
    'X-Container-Bytes-Used': String(sumBytes(container)),
    'X-Timestamp': timestamp(container.createdMs),
  };
  switch (req.method) {
    case 'HEAD':
      return { status: 204, headers };
    case 'GET': {
      const entries = ctx.objects.objects(container).map((o) => ({
        hash: o.etag,
        last_modified: naiveMicro(o.modifiedMs),
        bytes: o.bytes.byteLength,
        name: o.name,
        content_type: o.contentType,
      }));
      const selected = page(req, entries, SWIFT_LIMITS.containerListingLimit);
      return Array.isArray(selected) ? listing(req, selected, headers) : selected;
    }
    case 'DELETE':
      if (container.objects.size > 0) return swiftError(409);
      ctx.objects.deleteContainer(projectId, name);
      return { status: 204 };
    default:
      return swiftError(405);
  }
}

function objectRequest(req: DemoRequest, ctx: CloudContext, projectId: string, containerName: string, name: string): DemoResponse {
  const container = ctx.objects.container(projectId, containerName);
  if (req.method === 'PUT') {
    // Swift does not create containers on an object PUT: clients create them first.
    if (!container) return swiftError(404);
    if (req.headers['content-length'] === undefined && !/chunked/i.test(String(req.headers['transfer-encoding'] ?? ''))) return swiftError(411);
    const sent = header(req, 'etag')?.replace(/^"|"$/g, '').toLowerCase();
    if (sent !== undefined && sent !== md5Hex(req.rawBody)) return swiftError(422);
    const contentType = header(req, 'content-type') ?? 'application/octet-stream';
    const stored = ctx.objects.putObject(container, name, new Uint8Array(req.rawBody), contentType, Date.now());
    return { status: 201, headers: { ETag: stored.etag, 'Last-Modified': httpDate(stored.modifiedMs) } };
  }
  const object = container?.objects.get(name);
  if (!container || !object) return swiftError(404);
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return {
        status: 200,
        bytes: object.bytes,
        contentType: object.contentType,
        headers: { ETag: object.etag, 'Last-Modified': httpDate(object.modifiedMs), 'X-Timestamp': timestamp(object.modifiedMs), 'Accept-Ranges': 'bytes' },
      };
    case 'DELETE':
      container.objects.delete(name);
      return { status: 204 };
    default:
      return swiftError(405);
  }
}

function header(req: DemoRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
