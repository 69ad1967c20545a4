import type { Context } from 'hono';
import { AppError, ValidationError } from '../../domain/errors';
import type { Page } from '../../domain/ports';
import type { AppEnv } from './app-env';

/**
 * One page from a store, telling a bad cursor from a broken store. A cursor is opaque to clients, but
 * a hand-made one can still decode into a key the database refuses (DynamoDB answers a
 * ValidationException, which is no `AppError`). When a read with a cursor fails that way and the
 * same read without it succeeds, the cursor was at fault: 400, not 500.
 */
export async function listPage<T>(list: (cursor: string | undefined) => Promise<Page<T>>, cursor: string | undefined): Promise<Page<T>> {
  try {
    return await list(cursor);
  } catch (error) {
    // Stores report a cursor they cannot decode as `cursor`; to the client it is a query parameter.
    if (error instanceof ValidationError)
      throw new ValidationError(
        error.issues.map((i) => (i.path === 'cursor' ? { ...i, path: 'query.cursor' } : i)),
        error.message,
      );
    if (cursor === undefined || error instanceof AppError) throw error;
    try {
      await list(undefined);
    } catch {
      throw error;
    }
    throw new ValidationError([{ path: 'query.cursor', message: 'is not a cursor this API returned' }], 'The query string has invalid parameters.');
  }
}

/** The URL of the next page: the same query with the new cursor. */
export function nextLink(c: Context<AppEnv>, path: string, cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const next = new URL(`${c.get('baseUrl')}${path}`);
  for (const [k, v] of Object.entries(c.req.query())) if (k !== 'cursor') next.searchParams.set(k, v);
  next.searchParams.set('cursor', cursor);
  return next.toString();
}
