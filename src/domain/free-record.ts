import * as z from 'zod';

/**
 * Free-form maps (server metadata filters, flavor prices) are keyed by whatever their owners named
 * things, so every key must survive: `__proto__`, `constructor` and `toString` included.
 *
 * zod's `z.record` drops an own `__proto__` key on purpose (assigning it to a plain object would
 * replace the object's prototype), so a free record escapes such keys around it: a key of the form
 * `~*__proto__` gets one more leading `~` on the way in and loses it on the way out. The escape is
 * a bijection, so no two keys collide. (The DynamoDB stores escape such keys again for the
 * document marshaller, which loses `__proto__` and refuses `constructor`: dynamo-map-keys.ts.)
 */
const escapable = /^~*__proto__$/;
const escaped = /^~+__proto__$/;

/** The key as stored or validated: `__proto__` → `~__proto__`, `~__proto__` → `~~__proto__`; others unchanged. */
export function escapeFreeKey(key: string): string {
  return escapable.test(key) ? `~${key}` : key;
}

/** Undoes `escapeFreeKey`. */
export function unescapeFreeKey(key: string): string {
  return escaped.test(key) ? key.slice(1) : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Rebuilds a plain object with its keys mapped; `Object.fromEntries` defines own properties, so `__proto__` stays a key. */
function mapKeys(value: Record<string, unknown>, f: (key: string) => string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), v]));
}

/**
 * `z.record(key, value)` that keeps every key, `__proto__` included. The output is a plain object
 * whose keys are all own properties: read it with `Object.hasOwn` or `Object.entries`, never with a
 * bare `map[name]` (which finds `Object.prototype.constructor` for a missing `constructor`).
 * Validation issues name the key as given (see `toFieldIssues`). Documented as the record it wraps.
 */
export function freeRecord<K extends z.ZodType<string, string>, V extends z.ZodType>(key: K, value: V) {
  return z
    .preprocess((input) => (isPlainObject(input) ? mapKeys(input, escapeFreeKey) : input), z.record(key, value))
    .overwrite((out) => mapKeys(out, unescapeFreeKey) as typeof out);
}

/** The value of an own key of a free-form map, or undefined: never an inherited `Object.prototype` member. */
export function ownValue<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** A copy of a map's own string properties (defined, not assigned: `__proto__` stays a key). */
export function ownMetadata(map: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return map ? Object.fromEntries(Object.entries(map)) : {};
}

/** `key=value` for each of `keys` the map has, in the order of `keys`. */
export function chosenMetadata(map: Readonly<Record<string, string>>, keys: readonly string[]): string[] {
  return keys.flatMap((k) => {
    const value = ownValue(map, k);
    return value === undefined ? [] : [`${k}=${value}`];
  });
}
