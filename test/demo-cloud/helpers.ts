/**
 * Small HTTP helpers for the demo cloud tests: real requests on 127.0.0.1, no mocks.
 */
import type { DemoCloud, DemoCredentials } from '../../src/demo-cloud/index';

/** A response with the body parsed when it is JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  // Tests inspect arbitrary wire shapes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

/** Sends one request to the cloud; `path` may be absolute (a next link) or relative to the base URL. */
export async function call(
  cloud: DemoCloud,
  path: string,
  options: { token?: string; headers?: Record<string, string>; method?: string; body?: unknown } = {},
): Promise<Reply> {
  const url = path.startsWith('http') ? path : `${cloud.url}${path}`;
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['X-Auth-Token'] = options.token;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  let body: unknown = undefined;
  if ((response.headers.get('content-type') ?? '').includes('application/json') && text) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body, text };
}

/** The password-auth request body python-openstackclient sends. */
export function passwordAuth(c: DemoCredentials, scoped = true): unknown {
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name: c.username, domain: { name: c.userDomainName }, password: c.password } } },
      ...(scoped ? { scope: { project: { name: c.projectName, domain: { name: c.projectDomainName } } } } : {}),
    },
  };
}

/** Authenticates and returns the token and the token body. */
export async function login(cloud: DemoCloud, who: 'admin' | 'member' = 'admin', scoped = true): Promise<{ token: string; body: Reply['body'] }> {
  const reply = await call(cloud, '/identity/v3/auth/tokens', { method: 'POST', body: passwordAuth(cloud[who], scoped) });
  if (reply.status !== 201) throw new Error(`login as ${who} failed with ${reply.status}: ${reply.text}`);
  return { token: reply.headers.get('x-subject-token')!, body: reply.body };
}

/** Follows a Nova/Cinder/Neutron `*_links` next link until there is none; returns every page. */
export async function allPages(cloud: DemoCloud, token: string, first: string, key: string, headers: Record<string, string> = {}): Promise<Reply[]> {
  const pages: Reply[] = [];
  let next: string | undefined = first;
  while (next) {
    const page = await call(cloud, next, { token, headers });
    if (page.status !== 200) throw new Error(`page ${next} failed with ${page.status}: ${page.text}`);
    pages.push(page);
    next = (page.body[`${key}_links`] as { rel: string; href: string }[] | undefined)?.find((l) => l.rel === 'next')?.href;
  }
  return pages;
}
