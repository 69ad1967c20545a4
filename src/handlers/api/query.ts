import type { Context } from 'hono';
import type { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../domain/errors';
import type { AppEnv } from './app-env';

/**
 * Parses the query string with a strict schema, throwing a `ValidationError` that lists every
 * invalid parameter as `query.<name>`. A parameter given twice is an error rather than a guess at
 * which value was meant.
 */
export function parseQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const all = c.req.queries();
  const issues: FieldIssue[] = [];
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(all)) {
    if (values.length > 1) issues.push({ path: `query.${name}`, message: 'is given more than once' });
    single[name] = values[values.length - 1] ?? '';
  }
  const result = schema.safeParse(single);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) issues.push({ path: `query.${key}`, message: 'is not a parameter of this operation' });
      } else {
        issues.push({ path: ['query', ...issue.path.map(String)].join('.'), message: issue.message });
      }
    }
  }
  if (issues.length > 0 || !result.success) throw new ValidationError(issues, 'The query string has invalid parameters.');
  return result.data;
}
