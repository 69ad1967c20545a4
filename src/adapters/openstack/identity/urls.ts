/** Keystone v3 URL builders. `base` is the identity endpoint ending in `/v3`. */

/**
 * `auth_url` may be `http://host:5000`, `http://host:5000/v3` or `http://host/identity/v3/`:
 * the v3 root is derived rather than discovered, as keystoneauth does for an explicit v3 URL.
 */
export function identityV3Root(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v3$/.test(trimmed) ? trimmed : `${trimmed.replace(/\/v2\.0$/, '')}/v3`;
}

export const tokensUrl = (base: string) => `${base}/auth/tokens`;
export const projectsUrl = (base: string) => `${base}/projects`;
export const authProjectsUrl = (base: string) => `${base}/auth/projects`;
export const domainsUrl = (base: string) => `${base}/domains`;
export const authDomainsUrl = (base: string) => `${base}/auth/domains`;
