import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** Types of the API's bodies, from its OpenAPI document (generated at build time). */
export type Schemas = components['schemas'];
export type ReportRun = Schemas['ReportRun'];
export type Schedule = Schemas['Schedule'];
export type Problem = Schemas['Problem'];
export type CreateReportBody = Schemas['CreateReportBody'];
export type CreateScheduleBody = Schemas['CreateScheduleBody'];
export type RunStatus = ReportRun['status'];

/** The typed client: a path or a field the OpenAPI document lacks fails the typecheck. */
export type Api = ReturnType<typeof createClient<paths>>;

/**
 * Makes the client. `token()` is read on every request; `onUnauthorized` runs on a 401 (an expired
 * or revoked token), so the page can ask the user to sign in again.
 */
export function createApi(baseUrl: string, token: () => string | undefined, onUnauthorized: () => void): Api {
  const api = createClient<paths>({ baseUrl: baseUrl || location.origin });
  const auth: Middleware = {
    onRequest({ request }) {
      const t = token();
      if (t) request.headers.set('authorization', `Bearer ${t}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized();
      return response;
    },
  };
  api.use(auth);
  return api;
}

/** What an answer that is not a success says, as problem+json (or a stand-in for other bodies). */
export function asProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object' && 'title' in error) return error as Problem;
  const message = error && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : response.statusText;
  return { type: 'about:blank', title: message || `HTTP ${response.status}`, status: response.status };
}

/** The field errors of a problem, keyed by dotted path (`period.start`, `delivery.email.0`). */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) out[e.path] = out[e.path] ? `${out[e.path]}; ${e.message}` : e.message;
  return out;
}
