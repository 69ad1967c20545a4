/**
 * Keystone v3: version discovery, password/token authentication with a service catalog that
 * points at this server, and the read-only identity lists reports use (projects, users, domains,
 * roles, role assignments) with Keystone's links object and default admin-only policies.
 */
import { createHash } from 'node:crypto';
import type { CloudContext, ServiceHandler } from './context';
import { parseLimit } from './context';
import type { DemoProject, DemoUser } from './data';
import { keystoneError } from './errors';
import { isoMicroZ, json, truthy, type DemoRequest, type DemoResponse } from './http';
import type { SortedList } from './store';
import type { DemoRole, TokenRecord } from './tokens';

const UNAUTHORIZED = 'The request you have made requires authentication.';

/** The URL every client starts from. */
export function identityUrl(baseUrl: string): string {
  return `${baseUrl}/identity/v3`;
}

function versionEntry(ctx: CloudContext): Record<string, unknown> {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${identityUrl(ctx.baseUrl)}/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

/** Stable 32-hex id for a catalog entry, so clients that cache endpoints see the same ids. */
function catalogId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 32);
}

/** The service catalog for a project-scoped token; volume and object-store endpoints embed the project id. */
export function serviceCatalog(ctx: CloudContext, projectId: string): unknown[] {
  const base = ctx.baseUrl;
  const services: [type: string, name: string, url: string][] = [
    ['identity', 'keystone', identityUrl(base)],
    ['compute', 'nova', `${base}/compute/v2.1`],
    ['volumev3', 'cinderv3', `${base}/volume/v3/${projectId}`],
    ['block-storage', 'cinder', `${base}/volume/v3/${projectId}`],
    ['network', 'neutron', `${base}/network`],
    ['image', 'glance', `${base}/image`],
    ['object-store', 'swift', `${base}/object-store/v1/AUTH_${projectId}`],
  ];
  return services.map(([type, name, url]) => ({
    endpoints: ['public', 'internal', 'admin'].map((iface) => ({
      id: catalogId(type, iface),
      interface: iface,
      region: 'RegionOne',
      region_id: 'RegionOne',
      url,
    })),
    id: catalogId(type),
    type,
    name,
  }));
}

function domainRef(ctx: CloudContext): { id: string; name: string } {
  return { id: ctx.store.data.domain.id, name: ctx.store.data.domain.name };
}

function tokenBody(ctx: CloudContext, token: TokenRecord): Record<string, unknown> {
  const user = ctx.store.users.get(token.userId)!;
  const body: Record<string, unknown> = {
    methods: token.methods,
    user: { domain: domainRef(ctx), id: user.id, name: user.name, password_expires_at: null },
    audit_ids: [token.auditId],
    expires_at: isoMicroZ(token.expiresMs),
    issued_at: isoMicroZ(token.issuedMs),
  };
  if (token.projectId) {
    const project = ctx.store.projects.get(token.projectId)!;
    body.project = { domain: domainRef(ctx), id: project.id, name: project.name };
    body.is_domain = false;
    body.roles = token.roles;
    body.catalog = serviceCatalog(ctx, project.id);
  }
  return { token: body };
}

/** Roles a user's assignment yields in a token: Keystone expands admin ⊃ member ⊃ reader. */
function effectiveRoles(ctx: CloudContext, user: DemoUser): DemoRole[] {
  return user.role === 'admin' ? [ctx.roles.admin, ctx.roles.member, ctx.roles.reader] : [ctx.roles.member, ctx.roles.reader];
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

function findDomainOk(ctx: CloudContext, ref: unknown): boolean {
  if (!isDict(ref)) return false;
  const { domain } = ctx.store.data;
  return ref.id === domain.id || ref.name === domain.name;
}

function authenticate(req: DemoRequest, ctx: CloudContext): DemoResponse {
  const auth = isDict(req.body) && isDict(req.body.auth) ? req.body.auth : null;
  const identity = auth && isDict(auth.identity) ? auth.identity : null;
  const methods = identity && Array.isArray(identity.methods) ? (identity.methods as unknown[]) : null;
  if (!auth || !identity || !methods) return keystoneError(400, 'Invalid input for field identity/methods: expected a list of methods.');

  let user: DemoUser | undefined;
  if (methods.includes('password')) {
    const pw = isDict(identity.password) && isDict(identity.password.user) ? identity.password.user : null;
    if (!pw) return keystoneError(400, "Invalid input for field 'identity/password/user': missing user");
    if (typeof pw.id === 'string') user = ctx.store.users.get(pw.id);
    else if (typeof pw.name === 'string') {
      if (!findDomainOk(ctx, pw.domain)) return keystoneError(401, UNAUTHORIZED);
      user = ctx.store.data.users.find((u) => u.name === pw.name);
    }
    if (!user || !user.enabled || ctx.passwords.get(user.id) !== pw.password) return keystoneError(401, UNAUTHORIZED);
  } else if (methods.includes('token')) {
    const id = isDict(identity.token) ? identity.token.id : undefined;
    const found = ctx.tokens.peek(typeof id === 'string' ? id : undefined);
    if (!found.ok) return keystoneError(401, UNAUTHORIZED);
    user = ctx.store.users.get(found.token.userId);
  } else {
    return keystoneError(401, UNAUTHORIZED);
  }
  if (!user) return keystoneError(401, UNAUTHORIZED);

  let project: DemoProject | undefined;
  const scope = isDict(auth.scope) ? auth.scope : null;
  if (scope && !isDict(scope.project)) return keystoneError(401, UNAUTHORIZED);
  if (scope && isDict(scope.project)) {
    const ref = scope.project;
    if (typeof ref.id === 'string') project = ctx.store.projects.get(ref.id);
    else if (typeof ref.name === 'string') {
      if (!findDomainOk(ctx, ref.domain)) return keystoneError(401, UNAUTHORIZED);
      project = ctx.store.data.projects.find((p) => p.name === ref.name);
    }
    if (!project || !project.enabled || project.id !== user.projectId) return keystoneError(401, UNAUTHORIZED);
  }
  const token = ctx.tokens.issue(
    user.id,
    project?.id ?? null,
    project ? effectiveRoles(ctx, user) : [],
    methods.filter((m): m is string => typeof m === 'string'),
  );
  return json(201, tokenBody(ctx, token), { 'X-Subject-Token': token.id });
}

function forbidden(action: string): DemoResponse {
  return keystoneError(403, `You are not authorized to perform the requested action: identity:${action}.`);
}

function projectView(ctx: CloudContext, p: DemoProject): Dict {
  return {
    is_domain: false,
    description: p.description,
    domain_id: p.domainId,
    enabled: p.enabled,
    id: p.id,
    links: { self: `${identityUrl(ctx.baseUrl)}/projects/${p.id}` },
    name: p.name,
    parent_id: p.domainId,
    tags: p.tags,
    options: {},
  };
}

function userView(ctx: CloudContext, u: DemoUser): Dict {
  return {
    domain_id: u.domainId,
    enabled: u.enabled,
    id: u.id,
    links: { self: `${identityUrl(ctx.baseUrl)}/users/${u.id}` },
    name: u.name,
    email: u.email,
    default_project_id: u.projectId,
    password_expires_at: null,
    options: {},
  };
}

/**
 * A Keystone collection with its links object. Pages by `limit`/`marker` like Keystone 2025.1;
 * `next` is set only when more items exist.
 */
function collection<T extends { id: string }>(
  req: DemoRequest,
  ctx: CloudContext,
  key: string,
  list: SortedList<T> | T[],
  filter: (t: T) => boolean,
  view: (t: T) => Dict,
): DemoResponse {
  const parsed = parseLimit(req.query.get('limit'), ctx.maxLimit);
  if (!parsed.ok) return keystoneError(400, parsed.message);
  const items = Array.isArray(list) ? list : list.items;
  const marker = req.query.get('marker');
  let start = 0;
  if (marker) {
    const at = items.findIndex((i) => i.id === marker);
    if (at < 0) return keystoneError(400, `Marker ${marker} could not be found.`);
    start = at + 1;
  }
  const page: T[] = [];
  let more = false;
  for (let i = start; i < items.length; i++) {
    if (!filter(items[i])) continue;
    if (page.length === parsed.limit) {
      more = true;
      break;
    }
    page.push(items[i]);
  }
  let next: string | null = null;
  if (more && page.length > 0) {
    const params = new URLSearchParams(req.query);
    params.set('marker', page[page.length - 1].id);
    params.set('limit', String(parsed.limit));
    next = `${req.serviceUrl}${req.path}?${params.toString()}`;
  }
  return json(200, { [key]: page.map(view), links: { self: req.url, previous: null, next } });
}

/** Keystone's list filters: exact `name`, `domain_id`, `id`, and boolean `enabled`. */
function matches(query: URLSearchParams, record: Dict): boolean {
  for (const key of ['name', 'domain_id', 'enabled', 'id']) {
    const wanted = query.get(key);
    if (wanted === null) continue;
    const ok = key === 'enabled' ? record.enabled === truthy(wanted) : String(record[key]) === wanted;
    if (!ok) return false;
  }
  return true;
}

function readonlyApi(req: DemoRequest, ctx: CloudContext): DemoResponse {
  const auth = req.auth!;
  const { store } = ctx;
  const seg = req.segments.slice(1);
  const admin = auth.isAdmin;
  const projectFilter = (p: DemoProject): boolean => matches(req.query, { name: p.name, domain_id: p.domainId, enabled: p.enabled, id: p.id });

  if (seg[0] === 'auth' && seg[1] === 'projects' && seg.length === 2) {
    return collection(
      req,
      ctx,
      'projects',
      [store.projects.get(auth.user.projectId)!],
      (p) => p.enabled,
      (p) => projectView(ctx, p),
    );
  }
  if (seg[0] === 'auth' && seg[1] === 'domains' && seg.length === 2) return json(200, { domains: [], links: { self: req.url, previous: null, next: null } });
  if (seg[0] === 'auth' && seg[1] === 'catalog' && seg.length === 2) {
    if (!auth.projectId) return keystoneError(403, 'A project-scoped token is required to produce a service catalog.');
    return json(200, { catalog: serviceCatalog(ctx, auth.projectId), links: { self: req.url, previous: null, next: null } });
  }
  if (seg[0] === 'projects') {
    if (seg.length === 1)
      return admin ? collection(req, ctx, 'projects', store.projectList, projectFilter, (p) => projectView(ctx, p)) : forbidden('list_projects');
    const project = store.projects.get(seg[1]);
    if (seg.length === 2) {
      if (!admin && seg[1] !== auth.projectId) return forbidden('get_project');
      return project ? json(200, { project: projectView(ctx, project) }) : keystoneError(404, `Could not find project: ${seg[1]}.`);
    }
  }
  if (seg[0] === 'users') {
    const userFilter = (u: DemoUser): boolean => matches(req.query, { name: u.name, domain_id: u.domainId, enabled: u.enabled, id: u.id });
    if (seg.length === 1) return admin ? collection(req, ctx, 'users', store.userList, userFilter, (u) => userView(ctx, u)) : forbidden('list_users');
    if (!admin && seg[1] !== auth.user.id) return forbidden(seg.length === 2 ? 'get_user' : 'list_user_projects');
    const user = store.users.get(seg[1]);
    if (!user) return keystoneError(404, `Could not find user: ${seg[1]}.`);
    if (seg.length === 2) return json(200, { user: userView(ctx, user) });
    if (seg.length === 3 && seg[2] === 'projects') {
      return collection(req, ctx, 'projects', [store.projects.get(user.projectId)!], projectFilter, (p) => projectView(ctx, p));
    }
  }
  if (seg[0] === 'domains') {
    const { domain } = store.data;
    const view = {
      id: domain.id,
      name: domain.name,
      description: domain.description,
      enabled: domain.enabled,
      tags: [],
      options: {},
      links: { self: `${identityUrl(ctx.baseUrl)}/domains/${domain.id}` },
    };
    if (seg.length === 1) return admin ? json(200, { domains: [view], links: { self: req.url, previous: null, next: null } }) : forbidden('list_domains');
    if (seg.length === 2) return seg[1] === domain.id ? json(200, { domain: view }) : keystoneError(404, `Could not find domain: ${seg[1]}.`);
  }
  if (seg[0] === 'roles' && seg.length === 1) {
    if (!admin) return forbidden('list_roles');
    const roles = [ctx.roles.admin, ctx.roles.member, ctx.roles.reader].map((r) => ({
      ...r,
      domain_id: null,
      description: null,
      options: {},
      links: { self: `${identityUrl(ctx.baseUrl)}/roles/${r.id}` },
    }));
    return json(200, { roles, links: { self: req.url, previous: null, next: null } });
  }
  if (seg[0] === 'role_assignments' && seg.length === 1) {
    if (!admin) return forbidden('list_role_assignments');
    const q = (k: string): string | null => req.query.get(k);
    const names = req.query.has('include_names') && q('include_names') !== '0' && q('include_names')?.toLowerCase() !== 'false';
    const named = <T extends { id: string; name: string }>(ref: T, extra: Dict = {}): Dict =>
      names ? { id: ref.id, name: ref.name, ...extra } : { id: ref.id };
    const assignments = store.data.users
      .map((u) => ({ user: u, role: u.role === 'admin' ? ctx.roles.admin : ctx.roles.member, project: store.projects.get(u.projectId)! }))
      .filter(
        ({ user, role }) =>
          (!q('scope.project.id') || user.projectId === q('scope.project.id')) &&
          (!q('user.id') || user.id === q('user.id')) &&
          (!q('role.id') || role.id === q('role.id')),
      )
      .map(({ user, role, project }) => ({
        role: named(role),
        user: named(user, { domain: domainRef(ctx) }),
        scope: { project: named(project, { domain: domainRef(ctx) }) },
        links: { assignment: `${identityUrl(ctx.baseUrl)}/projects/${project.id}/users/${user.id}/roles/${role.id}` },
      }));
    return json(200, { role_assignments: assignments, links: { self: req.url, previous: null, next: null } });
  }
  return keystoneError(404, 'The resource could not be found.');
}

/** True for the Keystone paths that need no token. */
export function keystoneIsPublic(req: Pick<DemoRequest, 'method' | 'path'>): boolean {
  return req.path === '' || req.path === '/v3' || (req.method === 'POST' && req.path === '/v3/auth/tokens');
}

/** Handles everything under `/identity`. */
export const keystone: ServiceHandler = (req, ctx) => {
  if (req.path === '' && req.method === 'GET') return json(300, { versions: { values: [versionEntry(ctx)] } });
  if (req.segments[0] !== 'v3') return keystoneError(404, 'The resource could not be found.');
  if (req.path === '/v3' && req.method === 'GET') return json(200, { version: versionEntry(ctx) });
  if (req.path === '/v3/auth/tokens') {
    if (req.method === 'POST') return authenticate(req, ctx);
    const subject = req.headers['x-subject-token'];
    const found = ctx.tokens.peek(typeof subject === 'string' ? subject : undefined);
    if (!found.ok) return keystoneError(404, `Could not find token: ${String(subject)}.`);
    if (req.method === 'GET') return json(200, tokenBody(ctx, found.token), { 'X-Subject-Token': found.token.id });
    if (req.method === 'HEAD') return { status: 200 };
    if (req.method === 'DELETE') {
      ctx.tokens.revoke(found.token.id);
      return { status: 204 };
    }
  }
  if (req.method !== 'GET') return keystoneError(405, 'The method is not allowed for the requested URL.');
  return readonlyApi(req, ctx);
};
