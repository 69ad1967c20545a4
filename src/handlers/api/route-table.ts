/** A registered route as Hono lists it in `app.routes` (middleware has method `ALL`). */
export interface RouteEntry {
  method: string;
  path: string;
}

/** Which methods the app answers on which paths; the basis of 404 versus 405 and of skipping auth on unknown routes. */
export interface RouteTable {
  /** Methods registered for a path (`HEAD` included where `GET` is), empty when no route matches it. */
  allowed(path: string): string[];
  /** Whether a handler answers `method` on `path` (`HEAD` is answered by `GET` handlers). */
  matches(method: string, path: string): boolean;
}

/** Compiles Hono route patterns (`/v1/reports/:id`) into a table; middleware entries are left out. */
export function routeTable(routes: readonly RouteEntry[]): RouteTable {
  const compiled = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const r of routes) {
    if (r.method === 'ALL') continue;
    let entry = compiled.get(r.path);
    if (!entry) {
      entry = { pattern: toRegExp(r.path), methods: new Set() };
      compiled.set(r.path, entry);
    }
    entry.methods.add(r.method);
    if (r.method === 'GET') entry.methods.add('HEAD');
  }
  const allowed = (path: string): string[] => {
    const methods = new Set<string>();
    for (const e of compiled.values()) if (e.pattern.test(path)) e.methods.forEach((m) => methods.add(m));
    return [...methods].sort();
  };
  return { allowed, matches: (method, path) => allowed(path).includes(method.toUpperCase()) };
}

function toRegExp(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
