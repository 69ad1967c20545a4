import { createHash } from 'node:crypto';

/** Longest accepted `Idempotency-Key`. */
export const idempotencyKeyMaxLength = 255;

/**
 * Reads an `Idempotency-Key` header. The IETF draft makes it a structured-field string (`"abc"`);
 * most clients send the bare token, so both are accepted. Printable ASCII only, at most 255 characters.
 */
export function parseIdempotencyKey(header: string | undefined): { ok: true; key?: string } | { ok: false; message: string } {
  if (header === undefined) return { ok: true };
  const trimmed = header.trim();
  const key = /^".*"$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (key.length === 0) return { ok: false, message: 'must not be empty' };
  if (key.length > idempotencyKeyMaxLength) return { ok: false, message: `may be at most ${idempotencyKeyMaxLength} characters` };
  if (!/^[\x21\x23-\x7e]+$/.test(key)) return { ok: false, message: 'may contain printable ASCII characters only, without spaces or quotes' };
  return { ok: true, key };
}

/** A hash of a JSON value that ignores the order of object keys: the same request body gives the same hash. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
