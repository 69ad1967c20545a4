import type { Context } from 'hono';
import type { AppEnv } from './app-env';
import type { Scope } from '../../domain/caller';
import { problem } from './problem';

/** 403 unless the caller has the scope (or `admin`); `undefined` when the request may go on. */
export function requireScope(c: Context<AppEnv>, scope: Scope): Response | undefined {
  const caller = c.get('caller');
  if (caller.admin || caller.scopes.has(scope)) return undefined;
  return problem(c, 403, 'forbidden', `This needs the "${scope}" scope.`, { requiredScope: scope });
}
