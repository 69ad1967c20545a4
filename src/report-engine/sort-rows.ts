import type { ReportSpec } from '../domain/report-spec';

type SortKey = NonNullable<ReportSpec['sort']>['by'];
type Sort = { by: SortKey; direction: 'asc' | 'desc' };

/** How to read each sort key from a row; a key a row type lacks sorts by `label`. */
export interface SortAccessors<T> {
  keys: Partial<Record<SortKey, (row: T) => string | number | null | undefined>>;
  /** The row's name: the default key and the first tie-breaker. */
  label: (row: T) => string;
  id: (row: T) => string;
}

/**
 * Sorts rows by the spec's key and direction, with name then id as tie-breakers so output is
 * deterministic (two servers may share a name). Text compares with the report locale's collation.
 */
export function sortRows<T>(rows: T[], sort: Sort, accessors: SortAccessors<T>, locale: string): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const key = accessors.keys[sort.by] ?? accessors.label;
  const sign = sort.direction === 'desc' ? -1 : 1;
  const compareValues = (a: string | number | null | undefined, b: string | number | null | undefined): number => {
    if (a === b) return 0;
    if (a === null || a === undefined || a === '') return 1;
    if (b === null || b === undefined || b === '') return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    // Decimal strings (money) compare as numbers.
    if (typeof a === 'string' && typeof b === 'string' && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return Number(a) - Number(b);
    return collator.compare(String(a), String(b));
  };
  const decorated = rows.map((row) => ({ row, k: key(row), n: accessors.label(row), i: accessors.id(row) }));
  decorated.sort((x, y) => sign * compareValues(x.k, y.k) || collator.compare(x.n, y.n) || (x.i < y.i ? -1 : x.i > y.i ? 1 : 0));
  return decorated.map((d) => d.row);
}

/** Orders project ids by name (or reverse when sorting by project, descending). */
export function sortProjects(projects: { id: string; name: string }[], sort: Sort, locale: string): { id: string; name: string }[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const sign = sort.by === 'project' && sort.direction === 'desc' ? -1 : 1;
  return [...projects].sort((a, b) => sign * collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}
