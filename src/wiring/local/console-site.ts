import { readFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { extname, join } from 'node:path';
import * as z from 'zod';
import type { ConsoleConfig } from '../../../console/src/config';
import { problemBody } from '../../handlers/api/problem';

/**
 * The console's Content-Security-Policy, on AWS (CloudFront's response headers) and locally alike.
 * Scripts only from its own files; styles also inline, because a report's HTML is previewed in a
 * sandboxed `srcdoc` frame (no scripts) that inherits this policy and carries its own `<style>`.
 * `connect` adds to its own origin where the page may call: the artifact store's presigned URLs and,
 * with OpenID Connect, the issuer's token endpoint; `formAction`, where a sign-in may send the browser.
 * A PDF is shown from a `blob:` URL.
 */
export function consoleContentSecurityPolicy(sources: { connect: string[]; formAction?: string[] }): string {
  const self = (origins: string[] = []) => [...new Set(["'self'", ...origins])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${self(sources.connect)}`,
    "frame-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${self(sources.formAction)}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The console's own files; every other path goes to the API (hash routing: the page is one document). */
const files: Record<string, string> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  // Where an OpenID Connect provider sends the browser back; the page finishes the sign-in.
  '/callback': 'index.html',
  '/app.js': 'app.js',
  '/app.css': 'app.css',
  '/favicon.svg': 'favicon.svg',
};

const devTokenBodySchema = z.strictObject({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[\w.@+-]+$/, 'letters, digits and . _ @ + - only'),
  admin: z.boolean().default(false),
});

/** Every scope but admin: what the CLI's banner token has too. */
const userScopes = ['reports:read', 'reports:write', 'schedules:read', 'schedules:write'];
const devTokenSeconds = 8 * 3600;

export interface ConsoleSiteOptions {
  /** The built console (`dist/console/`). */
  dir: string;
  /** The runtime's own origin: a token is minted only for a page of this origin. */
  origin: string;
  /** Where presigned artifact URLs point (the local S3 server). */
  artifactOrigin: string;
  mintToken(sub: string, scopes: string[], expiresInSeconds: number): Promise<string>;
}

/**
 * The web console on the local service: its files at `/`, its `config.json` (sign-in mode `local`),
 * and `POST /console/dev-token`, which mints a development token from the local key, only for a
 * request from this machine's loopback address and a page of the runtime's own origin.
 * Answers `undefined` for every other request, which the API then serves.
 */
export function consoleSite(options: ConsoleSiteOptions) {
  const csp = consoleContentSecurityPolicy({ connect: [options.artifactOrigin] });
  const security = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
  return async (request: Request, incoming: IncomingMessage | undefined): Promise<Response | undefined> => {
    const { pathname } = new URL(request.url);
    if (pathname === '/console/dev-token') return devToken(request, incoming);
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    if (pathname === '/config.json') {
      return Response.json({ apiBaseUrl: '', auth: { mode: 'local' } } satisfies ConsoleConfig, { headers: security });
    }
    const file = files[pathname];
    if (!file) return undefined;
    // Not built (only the API's tests run without `npm run build`): the API answers, with its 404.
    const body = await readFile(join(options.dir, file)).catch(() => undefined);
    if (!body) return undefined;
    return new Response(request.method === 'HEAD' ? null : body, {
      headers: { ...security, 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' },
    });
  };

  async function devToken(request: Request, incoming: IncomingMessage | undefined): Promise<Response> {
    if (request.method !== 'POST') return problem(405, 'method-not-allowed', '/console/dev-token answers POST only.', { allow: 'POST' });
    if (!isLoopback(incoming?.socket.remoteAddress)) {
      return problem(403, 'forbidden', 'Development tokens are offered only to this machine (127.0.0.1 or ::1).');
    }
    // A page of another origin on this machine may not sign in here.
    const origin = request.headers.get('origin');
    if (origin !== null && origin !== options.origin) return problem(403, 'forbidden', `Development tokens are offered only to ${options.origin}.`);
    if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
      return problem(415, 'unsupported-media-type', 'Send the body as application/json.');
    }
    let raw: unknown;
    try {
      raw = JSON.parse(await request.text());
    } catch {
      return problem(400, 'validation-failed', 'The body is not valid JSON.', {}, [{ path: '(body)', message: 'is not valid JSON' }]);
    }
    const parsed = devTokenBodySchema.safeParse(raw);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
      return problem(400, 'validation-failed', 'The request is not valid.', {}, errors);
    }
    const scopes = parsed.data.admin ? [...userScopes, 'admin'] : userScopes;
    const token = await options.mintToken(parsed.data.subject, scopes, devTokenSeconds);
    return Response.json({ token, expiresIn: devTokenSeconds, subject: parsed.data.subject, scopes }, { headers: { 'cache-control': 'no-store' } });
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function problem(status: number, code: string, detail: string, headers: Record<string, string> = {}, errors?: { path: string; message: string }[]): Response {
  return new Response(JSON.stringify(problemBody(status, code, detail, errors ? { errors } : {})), {
    status,
    headers: { ...headers, 'content-type': 'application/problem+json' },
  });
}
