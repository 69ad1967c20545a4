import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors';
import { unescapeFreeKey } from './free-record';

/**
 * Turns zod issues into field issues with dotted paths (`period.start`, `formats.1`). A key of a
 * free-form map is named as the caller gave it (see `freeRecord`).
 */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'string' ? unescapeFreeKey(segment) : String(segment))).join('.') || '(body)',
    message: issue.message,
  }));
}

/** Parses or throws a `ValidationError` that lists every invalid field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error));
  return result.data;
}
