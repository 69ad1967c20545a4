/**
 * Resolves a pagination href the way each service means it, without rebuilding it:
 * - absolute hrefs are followed as sent when their origin belongs to the cloud (the catalog's or
 *   keystone's hosts); an unknown origin (a misconfigured `osapi_compute_link_prefix`, an internal
 *   hostname) is re-based onto the endpoint's origin so the token never goes to a stranger;
 * - root-relative hrefs (glance `next: "/v2/images?marker=…"`, placement links) are relative to
 *   the service root, which may sit under a path prefix (`https://cloud/image/v2`);
 * - other relative hrefs resolve against the endpoint URL.
 */
export function resolveHref(href: string, endpoint: string, knownOrigins: ReadonlySet<string>): { url: string; rebased: boolean } {
  const base = new URL(endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(href)) {
    const target = new URL(href);
    if (knownOrigins.has(target.origin) || target.origin === base.origin) return { url: href, rebased: false };
    return { url: `${base.origin}${target.pathname}${target.search}`, rebased: true };
  }
  if (href.startsWith('/')) {
    const prefix = servicePrefix(base.pathname);
    const path = prefix !== '' && (href === prefix || href.startsWith(`${prefix}/`)) ? href : `${prefix}${href}`;
    return { url: `${base.origin}${path}`, rebased: false };
  }
  return { url: new URL(href, base).toString(), rebased: false };
}

/** `/image/v2/` → `/image`; `/v2.1/abc/` → ``; `/placement/` → `/placement`. */
function servicePrefix(pathname: string): string {
  const segments = pathname.split('/').filter(Boolean);
  const version = segments.findIndex((s) => /^v\d+(\.\d+)?$/.test(s));
  const kept = version === -1 ? segments : segments.slice(0, version);
  return kept.length > 0 ? `/${kept.join('/')}` : '';
}
