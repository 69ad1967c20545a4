/**
 * Nova's server list and show: project scoping, `all_tenants` policy, the common filters, and
 * marker pagination whose next link keeps the caller's other query parameters.
 */
import type { CloudContext } from './context';
import { parseLimit } from './context';
import type { DemoServer } from './data';
import { serviceError } from './errors';
import { json, quotePlus, truthy, type DemoRequest, type DemoResponse } from './http';
import type { ApiVersion } from './microversion';
import { atLeast } from './microversion';
import { serverDetail, serverDetailJson, serverSummary } from './nova-views';
import { emptyList, type SortedList } from './store';

const novaError = (status: number, message: string): DemoResponse => serviceError('compute', status, message);

/**
 * Nova's next link: the request's parameters sorted by name (one value per name, the last one,
 * as its OrderedDict keeps) with `marker` replaced.
 */
export function novaNextLink(req: DemoRequest, marker: string): string {
  const params = new Map<string, string>();
  for (const [k, v] of [...req.query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) params.set(k, v);
  params.set('marker', marker);
  const query = [...params].map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
  return `${req.serviceUrl}${req.path}?${query}`;
}

/** Nova's `is_all_tenants`: present without value means true; a non-boolean is a 400. */
function allTenants(query: URLSearchParams): boolean | 'invalid' {
  if (!query.has('all_tenants')) return false;
  const raw = query.get('all_tenants') ?? '';
  if (raw === '') return true;
  if (truthy(raw)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(raw.toLowerCase())) return false;
  return 'invalid';
}

function regex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

function buildFilter(query: URLSearchParams, admin: boolean, version: ApiVersion): (s: DemoServer) => boolean {
  const checks: ((s: DemoServer) => boolean)[] = [];
  const statuses = query.getAll('status').map((s) => s.toUpperCase());
  if (statuses.length > 0) checks.push((s) => statuses.includes(s.status));
  const name = query.get('name');
  if (name) {
    const re = regex(name);
    checks.push((s) => (re ? re.test(s.name) : s.name.includes(name)));
  }
  const ip = query.get('ip');
  if (ip) {
    const re = regex(ip);
    checks.push((s) => s.addresses.some((a) => a.type === 'fixed' && (re ? re.test(a.addr) : a.addr.includes(ip))));
  }
  const exact: [string, (s: DemoServer) => string | null][] = [
    ['flavor', (s) => s.flavorId],
    ['image', (s) => s.imageId],
    ['availability_zone', (s) => s.availabilityZone],
    ['key_name', (s) => s.keyName],
    ['user_id', (s) => s.userId],
  ];
  if (admin) exact.push(['host', (s) => s.host], ['node', (s) => s.hypervisorHostname]);
  for (const [key, get] of exact) {
    const wanted = query.get(key);
    if (wanted !== null) checks.push((s) => get(s) === wanted);
  }
  const changesSince = query.get('changes-since');
  if (changesSince) {
    const since = Date.parse(changesSince);
    if (!Number.isNaN(since)) checks.push((s) => s.updatedMs >= since);
  }
  if (atLeast(version, 2, 26)) {
    const split = (key: string): string[] | null => query.get(key)?.split(',').filter(Boolean) ?? null;
    const all = split('tags');
    const any = split('tags-any');
    const notAll = split('not-tags');
    if (all) checks.push((s) => all.every((t) => s.tags.includes(t)));
    if (any) checks.push((s) => any.some((t) => s.tags.includes(t)));
    if (notAll) checks.push((s) => !notAll.every((t) => s.tags.includes(t)));
  }
  if (atLeast(version, 2, 73) && query.has('locked')) {
    const locked = truthy(query.get('locked'));
    checks.push((s) => s.locked === locked);
  }
  return (s) => checks.every((c) => c(s));
}

/** `GET /servers` and `GET /servers/detail`. */
export function listServers(req: DemoRequest, ctx: CloudContext, version: ApiVersion, detailed: boolean): DemoResponse {
  const auth = req.auth!;
  const all = allTenants(req.query);
  if (all === 'invalid') return novaError(400, `Invalid all_tenants value: ${req.query.get('all_tenants')}`);
  if (all && !auth.isAdmin) {
    return novaError(403, `Policy doesn't allow os_compute_api:servers:${detailed ? 'detail' : 'index'}:get_all_tenants to be performed.`);
  }
  let list: SortedList<DemoServer>;
  if (all) {
    const project = req.query.get('project_id') ?? req.query.get('tenant_id');
    list = project ? (ctx.store.serversByProject.get(project) ?? emptyList(ctx.store.serverList.compare)) : ctx.store.serverList;
  } else {
    list = ctx.store.serversByProject.get(auth.projectId ?? '') ?? emptyList(ctx.store.serverList.compare);
  }
  const parsed = parseLimit(req.query.get('limit'), ctx.maxLimit);
  if (!parsed.ok) return novaError(400, 'limit param must be positive');
  let start = 0;
  const markerId = req.query.get('marker');
  if (markerId) {
    const marker = ctx.store.servers.get(markerId);
    if (!marker) return novaError(400, `marker [${markerId}] not found`);
    start = list.after(marker);
  }
  const page = list.take(start, parsed.limit, buildFilter(req.query, auth.isAdmin, version));
  const links = parsed.limit > 0 && page.length === parsed.limit ? [{ rel: 'next', href: novaNextLink(req, page[page.length - 1].id) }] : undefined;
  if (!detailed) return json(200, { servers: page.map((s) => serverSummary(ctx, s)), ...(links ? { servers_links: links } : {}) });
  // The same bytes JSON.stringify would write, from each server's cached view.
  const chunks: Buffer[] = [Buffer.from('{"servers":[')];
  page.forEach((s, i) => {
    if (i > 0) chunks.push(COMMA);
    chunks.push(serverDetailJson(ctx, s, version, auth.isAdmin));
  });
  chunks.push(Buffer.from(links ? `],"servers_links":${JSON.stringify(links)}}` : ']}'));
  return { status: 200, bytes: Buffer.concat(chunks), contentType: 'application/json' };
}

const COMMA = Buffer.from(',');

/** `GET /servers/{id}`: other projects' servers are 404 to members, as in Nova. */
export function showServer(req: DemoRequest, ctx: CloudContext, version: ApiVersion, id: string): DemoResponse {
  const auth = req.auth!;
  const server = ctx.store.servers.get(id);
  if (!server || server.deleted || (!auth.isAdmin && server.projectId !== auth.projectId)) {
    return novaError(404, `Instance ${id} could not be found.`);
  }
  return json(200, { server: serverDetail(ctx, server, version, auth.isAdmin) });
}
