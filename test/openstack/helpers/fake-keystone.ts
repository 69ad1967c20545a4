import type { FixtureServer, Recorded } from './fixture-server';

export interface FakeKeystoneOptions {
  projectId?: string;
  roles?: string[];
  /** Token lifetime (default one hour). */
  ttlSeconds?: number;
  /** Catalog entries; `{base}` is the fixture server. Defaults to one per service under paths. */
  catalog?: unknown[];
  /** Which project a scoped request gets (rescoping). */
  projectFor?: (req: Recorded) => string;
}

export const ADMIN_PROJECT = 'a6944d763bf64ee6a275f1263fae0352';

/** A catalog where every service lives under its own path prefix on the fixture server. */
export function defaultCatalog(projectId: string = ADMIN_PROJECT): unknown[] {
  const entry = (type: string, url: string) => ({
    type,
    name: type,
    id: `${type}-id`,
    endpoints: ['public', 'internal', 'admin'].map((iface) => ({
      id: `${type}-${iface}`,
      interface: iface,
      region: 'RegionOne',
      region_id: 'RegionOne',
      url: iface === 'internal' ? url.replace('{base}', 'http://internal.invalid') : url,
    })),
  });
  return [
    entry('identity', '{base}/identity'),
    entry('compute', `{base}/compute/v2.1`),
    entry('volumev3', `{base}/volume/v3/${projectId}`),
    entry('network', '{base}/network'),
    entry('image', '{base}/image'),
    entry('placement', '{base}/placement'),
  ];
}

/**
 * Serves `POST /identity/v3/auth/tokens` on the fixture server: each call issues a new token
 * (`tok-1`, `tok-2`, ...) in `X-Subject-Token`, with a catalog pointing back at the server.
 */
export function fakeKeystone(server: FixtureServer, options: FakeKeystoneOptions = {}): { issued: string[] } {
  const issued: string[] = [];
  server.on('POST', '/identity/v3/auth/tokens', (req) => {
    const token = `tok-${issued.length + 1}`;
    issued.push(token);
    const projectId = options.projectFor?.(req) ?? options.projectId ?? ADMIN_PROJECT;
    const now = Date.now();
    return {
      status: 201,
      headers: { 'X-Subject-Token': token, 'x-openstack-request-id': `req-auth-${issued.length}` },
      json: {
        token: {
          methods: ['password'],
          expires_at: new Date(now + (options.ttlSeconds ?? 3600) * 1000).toISOString(),
          issued_at: new Date(now).toISOString(),
          project: { id: projectId, name: `project-${projectId}`, domain: { id: 'default', name: 'Default' } },
          user: { id: 'u1', name: 'admin', domain: { id: 'default', name: 'Default' }, password_expires_at: null },
          roles: (options.roles ?? ['admin', 'member']).map((name) => ({ id: `${name}-id`, name })),
          catalog: options.catalog ?? defaultCatalog(projectId),
          audit_ids: ['x'],
          is_domain: false,
        },
      },
    };
  });
  return { issued };
}
