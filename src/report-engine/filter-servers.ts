import type { Server } from '../domain/cloud';
import { compileNamePattern } from '../domain/name-pattern';
import type { ReportSpec } from '../domain/report-spec';

type Filters = NonNullable<ReportSpec['filters']>;

/** The fields a filter reads, so usage lines of deleted servers can be filtered too. */
export interface FilterableServer {
  name: string;
  status: string;
  flavor: string | null;
  metadata?: Record<string, string>;
  tags?: string[];
  availabilityZone?: string | null;
}

/**
 * Builds a predicate from the spec's filters. Every given filter must match (AND); within one
 * filter any listed value matches (OR). Status, flavor and zone compare case-insensitively. A field
 * the record does not carry (a partial server's flavor, a deleted server's tags) does not match.
 */
export function serverFilter(filters: Filters | undefined): (s: FilterableServer) => boolean {
  if (!filters) return () => true;
  const lower = (v: string[] | undefined) => (v && v.length > 0 ? new Set(v.map((x) => x.toLowerCase())) : undefined);
  const statuses = lower(filters.status);
  const flavors = lower(filters.flavor);
  const zones = lower(filters.availabilityZone);
  const name = filters.namePattern ? compileNamePattern(filters.namePattern) : undefined;
  const metadata = Object.entries(filters.metadata ?? {});
  const tags = filters.tags ?? [];
  return (s) => {
    if (statuses && !statuses.has(s.status.toLowerCase())) return false;
    if (flavors && (!s.flavor || !flavors.has(s.flavor.toLowerCase()))) return false;
    if (zones && (!s.availabilityZone || !zones.has(s.availabilityZone.toLowerCase()))) return false;
    if (name && !name(s.name)) return false;
    for (const [k, v] of metadata) if (s.metadata?.[k] !== v) return false;
    for (const t of tags) if (!s.tags?.includes(t)) return false;
    return true;
  };
}

/** The server view of the filterable fields. */
export function filterableServer(s: Server): FilterableServer {
  return { name: s.name, status: s.status, flavor: s.flavor?.name ?? null, metadata: s.metadata, tags: s.tags, availabilityZone: s.availabilityZone ?? null };
}
