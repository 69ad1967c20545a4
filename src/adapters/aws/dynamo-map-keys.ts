/**
 * Map keys DynamoDB's document marshaller (`@aws-sdk/util-dynamodb`) cannot carry, escaped.
 *
 * - `constructor`: the marshaller takes an object for a map only when `value.constructor.name` is
 *   "Object"; an object with its own `constructor` key (a flavor or metadata key named so) is
 *   refused as a "class instance".
 * - `__proto__`: the marshaller and the unmarshaller build maps by assignment, which turns a
 *   `__proto__` key into a prototype change and loses it.
 *
 * A key of the form `~*__proto__` or `~*constructor` gets one more leading `~` when written and
 * loses it when read. The escape is a bijection, so no two keys collide, and every other key is
 * stored as it is.
 */
const escapable = /^~*(?:__proto__|constructor)$/;
const escaped = /^~+(?:__proto__|constructor)$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function mapKeysDeep(value: unknown, f: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapKeysDeep(v, f));
  if (!isPlainObject(value)) return value;
  // Object.fromEntries defines own properties: a `__proto__` key stays a key.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [f(k), mapKeysDeep(v, f)]));
}

/** A value (an item, or one attribute) as written to DynamoDB. */
export function toStored<T>(value: T): T {
  return mapKeysDeep(value, (k) => (escapable.test(k) ? `~${k}` : k)) as T;
}

/** Undoes `toStored` on a value read from DynamoDB. */
export function fromStored<T>(value: T): T {
  return mapKeysDeep(value, (k) => (escaped.test(k) ? k.slice(1) : k)) as T;
}
