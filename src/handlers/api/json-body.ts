import type { Context } from 'hono';
import type { AppEnv } from './app-env';
import { problem } from './problem';

// application/json, or a structured-syntax suffix such as application/merge-patch+json, with parameters.
const jsonMediaType = /^application\/(?:[\w.-]+\+)?json\s*(?:;.*)?$/i;

/** The parsed JSON body, or the response to send instead: 415 unless the body is JSON, 400 when it does not parse. */
export async function jsonBody(c: Context<AppEnv>): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!jsonMediaType.test(c.req.header('content-type') ?? '')) {
    return { ok: false, response: problem(c, 415, 'unsupported-media-type', 'Send the body as application/json.') };
  }
  const text = await c.req.text();
  try {
    return { ok: true, body: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      response: problem(c, 400, 'malformed-json', 'The body is not valid JSON.', { errors: [{ path: '(body)', message: 'is not valid JSON' }] }),
    };
  }
}
