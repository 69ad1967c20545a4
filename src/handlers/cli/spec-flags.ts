import type { ParseArgsConfig } from 'node:util';
import type * as z from 'zod';
import { UsageError } from './usage-error';

/**
 * The `generate` flags, derived from the report spec's zod schema so the two cannot drift: every
 * field becomes a flag, a new field a new flag. Groups of plain values (`scope`, `period`,
 * `filters`, `sort`) are flattened; a field holding nested objects (the price list) is read from a
 * file. A few flags keep the shorter names people know (`--project`, `--name`, `--format`).
 */

type Kind =
  | { kind: 'string'; values?: readonly string[]; format?: string }
  | { kind: 'number'; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'list'; of: Exclude<Kind, { kind: 'list' | 'map' | 'file' }> }
  | { kind: 'map' }
  /** A list of two-field objects (`budgets`: `keys` and `amount`), given as repeated `KEY=VALUE`; a list key splits at `/`. */
  | { kind: 'pairs'; key: string; keyIsList: boolean; value: string }
  | { kind: 'file' };

export interface SpecFlag {
  /** The flag without dashes, e.g. `sort-direction`. */
  name: string;
  /** Where its value goes in the spec, e.g. `['sort', 'direction']`. */
  path: string[];
  kind: Kind;
  /** The schema's default, shown in help. */
  defaultValue?: unknown;
}

/** Shorter names for fields people type often; every other flag is the field's name in kebab case. */
const names: Record<string, string> = {
  'scope.projectNames': 'project',
  'scope.projectIds': 'project-id',
  'filters.namePattern': 'name',
  'filters.metadata': 'metadata',
  'filters.tags': 'tag',
  'filters.status': 'status',
  'filters.flavor': 'flavor',
  'sort.by': 'sort',
  'sort.direction': 'sort-direction',
  formats: 'format',
  metadataKeys: 'metadata-key',
  accessiblePdf: 'accessible',
  budgets: 'budget',
};

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  element?: z.ZodType;
  options?: z.ZodType[];
  format?: string;
  checks?: unknown[];
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Peels `optional`, `default`, `nullable` and pipes (to the schema describing what they accept) off a schema. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; defaultValue?: unknown } {
  let s = schema;
  let defaultValue: unknown;
  for (;;) {
    const d = defOf(s);
    // A preprocess is a pipe from a transform: what it accepts is described by its output schema.
    if (d.type === 'pipe' && d.in && d.out) s = defOf(d.in).type === 'transform' ? d.out : d.in;
    else if (d.innerType && ['optional', 'default', 'nullable', 'prefault', 'readonly'].includes(d.type)) {
      if (d.type === 'default') defaultValue = typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
      s = d.innerType;
    } else return { inner: s, defaultValue };
  }
}

function leafKind(schema: z.ZodType): Exclude<Kind, { kind: 'list' | 'map' | 'file' }> | undefined {
  const d = defOf(schema);
  if (d.type === 'enum') return { kind: 'string', values: Object.values(d.entries ?? {}) };
  if (d.type === 'string') return { kind: 'string', ...(d.format ? { format: d.format } : {}) };
  if (d.type === 'number') return { kind: 'number', integer: JSON.stringify(d.checks ?? []).includes('safeint') || isInteger(schema) };
  if (d.type === 'boolean') return { kind: 'boolean' };
  // A union of strings (a date or a datetime) is a string flag.
  if (d.type === 'union' && d.options?.every((o) => leafKind(unwrap(o).inner)?.kind === 'string')) return { kind: 'string' };
  return undefined;
}

/**
 * An object of exactly two fields, a key (text or list of text) then a value (any scalar), read as
 * `KEY=VALUE`: `budgets` items `{ keys, amount }` become `--budget CC-100=5000`.
 */
function pairsKind(schema: z.ZodType): Extract<Kind, { kind: 'pairs' }> | undefined {
  if (defOf(schema).type !== 'object') return undefined;
  const entries = Object.entries((schema as unknown as { shape: Record<string, z.ZodType> }).shape);
  if (entries.length !== 2) return undefined;
  const [[key, keySchema], [value]] = entries as [[string, z.ZodType], [string, z.ZodType]];
  const keyKind = kindOf(keySchema);
  if (keyKind === 'group') return undefined;
  if (keyKind.kind === 'string') return { kind: 'pairs', key, keyIsList: false, value };
  if (keyKind.kind === 'list' && keyKind.of.kind === 'string') return { kind: 'pairs', key, keyIsList: true, value };
  return undefined;
}

function isInteger(schema: z.ZodType): boolean {
  return (schema as unknown as { isInt?: boolean }).isInt === true;
}

function kindOf(schema: z.ZodType): Kind | 'group' {
  const { inner } = unwrap(schema);
  const d = defOf(inner);
  const leaf = leafKind(inner);
  if (leaf) return leaf;
  if (d.type === 'array' && d.element) {
    const element = unwrap(d.element).inner;
    const of = leafKind(element);
    if (of) return { kind: 'list', of };
    const pairs = pairsKind(element);
    if (pairs) return pairs;
  }
  if (d.type === 'record') return { kind: 'map' };
  if (d.type === 'object') {
    const shape = (inner as unknown as { shape: Record<string, z.ZodType> }).shape;
    const flat = Object.values(shape).every((field) => {
      const k = kindOf(field);
      return k !== 'group' && k.kind !== 'file';
    });
    return flat ? 'group' : { kind: 'file' };
  }
  return { kind: 'file' };
}

const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Every flag of a spec schema (an object schema), in the schema's field order. */
export function specFlags(schema: z.ZodType): SpecFlag[] {
  const flags: SpecFlag[] = [];
  const walk = (object: z.ZodType, prefix: string[]) => {
    const shape = (unwrap(object).inner as unknown as { shape: Record<string, z.ZodType> }).shape;
    for (const [key, field] of Object.entries(shape)) {
      const path = [...prefix, key];
      const kind = kindOf(field);
      if (kind === 'group') {
        walk(field, path);
        continue;
      }
      const dotted = path.join('.');
      const { defaultValue } = unwrap(field);
      flags.push({ name: names[dotted] ?? kebab(key), path, kind, ...(defaultValue !== undefined ? { defaultValue } : {}) });
    }
  };
  walk(schema, []);
  // Two fields of the same name in different groups would share a flag: name them by their path.
  const seen = new Map<string, number>();
  for (const f of flags) seen.set(f.name, (seen.get(f.name) ?? 0) + 1);
  return flags.map((f) => ((seen.get(f.name) ?? 0) > 1 && !names[f.path.join('.')] ? { ...f, name: f.path.map(kebab).join('-') } : f));
}

/** The `parseArgs` options for these flags. */
export function parseArgsOptions(flags: SpecFlag[]): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    flags.map((f) => [
      f.name,
      f.kind.kind === 'boolean'
        ? { type: 'boolean' as const }
        : { type: 'string' as const, multiple: f.kind.kind === 'list' || f.kind.kind === 'map' || f.kind.kind === 'pairs' },
    ]),
  );
}

/**
 * Puts parsed flag values into a spec object (over `base`, e.g. from `--spec FILE`). Lists take
 * repeats and commas; maps take `KEY=VALUE` repeats; numbers are checked; file flags are read by
 * `readFile` (YAML or JSON). The result is validated by the schema afterwards, not here.
 */
export async function applyFlags(
  flags: SpecFlag[],
  values: Record<string, unknown>,
  base: Record<string, unknown>,
  readFile: (flag: string, path: string) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const spec: Record<string, unknown> = structuredClone(base);
  for (const f of flags) {
    const raw = values[f.name];
    if (raw === undefined || raw === false) continue;
    const value = await flagValue(f, raw, readFile);
    let target = spec;
    for (const key of f.path.slice(0, -1)) {
      const next = target[key];
      target = (target[key] = next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {}) as Record<
        string,
        unknown
      >;
    }
    target[f.path[f.path.length - 1]!] = value;
  }
  return spec;
}

async function flagValue(f: SpecFlag, raw: unknown, readFile: (flag: string, path: string) => Promise<unknown>): Promise<unknown> {
  const k = f.kind;
  switch (k.kind) {
    case 'boolean':
      return raw === true;
    case 'number':
      return toNumber(f.name, String(raw), k.integer);
    case 'string':
      return String(raw);
    case 'file':
      return readFile(f.name, String(raw));
    case 'list': {
      const items = (raw as string[])
        .flatMap((x) => x.split(','))
        .map((x) => x.trim())
        .filter(Boolean);
      return k.of.kind === 'number' ? items.map((x) => toNumber(f.name, x, k.of.kind === 'number' && k.of.integer)) : items;
    }
    case 'map': {
      // A null-prototype object: `constructor` or `__proto__` are keys like any other.
      const map: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const pair of raw as string[]) {
        const at = pair.indexOf('=');
        if (at <= 0) throw new UsageError(`--${f.name} takes KEY=VALUE, not "${pair}"`);
        map[pair.slice(0, at)] = pair.slice(at + 1);
      }
      return { ...map };
    }
    case 'pairs':
      return (raw as string[]).map((pair) => {
        // The value (an amount) has no `=`: split at the last one, so a key may hold `=`.
        const at = pair.lastIndexOf('=');
        if (at <= 0 || at === pair.length - 1) throw new UsageError(`--${f.name} takes KEY=VALUE, not "${pair}"`);
        const key = pair.slice(0, at);
        return { [k.key]: k.keyIsList ? key.split('/').map((x) => x.trim()) : key, [k.value]: pair.slice(at + 1) };
      });
  }
}

function toNumber(flag: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${flag} takes ${integer ? 'a whole number' : 'a number'}, not "${text}"`);
  }
  return n;
}

/** Help lines for the flags: name, value, choices and default. */
export function flagsHelp(flags: SpecFlag[]): string {
  const rows = flags.map((f) => {
    const k = f.kind;
    const value =
      k.kind === 'boolean'
        ? ''
        : k.kind === 'file'
          ? ' FILE'
          : k.kind === 'map'
            ? ' KEY=VALUE'
            : k.kind === 'pairs'
              ? ` ${k.keyIsList ? 'KEY[/KEY]' : 'KEY'}=${k.value.toUpperCase()}`
              : k.kind === 'number'
                ? ' N'
                : k.kind === 'list'
                  ? ` ${k.of.kind === 'string' && k.of.values ? k.of.values.join('|') : 'V'}[,…]`
                  : k.values
                    ? ` ${k.values.join('|')}`
                    : k.format
                      ? ` ${k.format.toUpperCase()}`
                      : ' TEXT';
    const repeat = k.kind === 'list' || k.kind === 'map' || k.kind === 'pairs' ? ' (repeatable)' : '';
    const fallback = f.defaultValue !== undefined ? ` (default: ${Array.isArray(f.defaultValue) ? f.defaultValue.join(',') : String(f.defaultValue)})` : '';
    return [`  --${f.name}${value}`, `${f.path.join('.')}${repeat}${fallback}`] as const;
  });
  const width = Math.min(44, Math.max(...rows.map(([flag]) => flag.length)) + 2);
  return rows.map(([flag, what]) => (flag.length >= width ? `${flag}\n${' '.repeat(width)}${what}` : `${flag.padEnd(width)}${what}`)).join('\n');
}
