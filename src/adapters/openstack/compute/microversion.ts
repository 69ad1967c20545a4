/** Compute microversions: what we ask for, and how a version document is read. */

/** The newest compute microversion this client knows how to read (servers/detail sample 2.100). */
export const NEWEST_COMPUTE_MICROVERSION = '2.100';

/** From here servers embed their flavor (no flavors/detail lookup needed). */
export const EMBEDDED_FLAVOR_MICROVERSION = '2.47';

/** From here os-simple-tenant-usage is paged (`tenant_usages_links`). */
export const PAGED_USAGE_MICROVERSION = '2.40';

/** `"2.47"` → [2, 47]; `""` (nova's deprecated v2.0 entry) or garbage → undefined. */
export function parseMicroversion(value: string | undefined): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(value?.trim() ?? '');
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Negative, zero or positive as `a` is older, the same or newer than `b`. */
export function compareMicroversions(a: string, b: string): number {
  const [am, an] = parseMicroversion(a) ?? [0, 0];
  const [bm, bn] = parseMicroversion(b) ?? [0, 0];
  return am !== bm ? am - bm : an - bn;
}

/**
 * The highest version both sides support: min(server max, newest known), or undefined when the
 * server has no microversions (legacy v2.0) or its range does not reach what we know.
 */
export function negotiateMicroversion(serverMin: string | undefined, serverMax: string | undefined, newest = NEWEST_COMPUTE_MICROVERSION): string | undefined {
  if (!parseMicroversion(serverMax)) return undefined;
  const chosen = compareMicroversions(serverMax!, newest) < 0 ? serverMax! : newest;
  if (parseMicroversion(serverMin) && compareMicroversions(chosen, serverMin!) < 0) return undefined;
  return chosen;
}

/** True when `version` (undefined = 2.1 semantics) is at least `wanted`. */
export function atLeast(version: string | undefined, wanted: string): boolean {
  return version !== undefined && compareMicroversions(version, wanted) >= 0;
}

/**
 * The versioned root to ask for the version document: `…/v2.1/` without a project id suffix
 * (`https://nova:8774/v2.1/<project>` → `https://nova:8774/v2.1/`).
 */
export function computeVersionUrl(endpoint: string): string {
  const url = new URL(endpoint);
  const segments = url.pathname.split('/').filter(Boolean);
  const version = segments.findIndex((s) => /^v2(\.\d+)?$/.test(s));
  const kept = version === -1 ? segments : segments.slice(0, version + 1);
  return `${url.origin}/${kept.join('/')}${kept.length > 0 ? '/' : ''}`;
}
