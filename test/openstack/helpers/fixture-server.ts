import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fixture server saw it. */
export interface Recorded {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What a route answers. `json` is serialised after `{base}` is replaced with the server's URL. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
  /** Wait before answering (timeouts). */
  delayMs?: number;
  /** Drop the connection without answering (connection reset). */
  destroy?: boolean;
  /** Announce the whole body's length, send only this many bytes of it, then drop the connection. */
  truncateAt?: number;
}

export type Handler = (req: Recorded) => Reply | Promise<Reply>;

/**
 * A recorded-fixture OpenStack on 127.0.0.1 (gophercloud's testhelper): routes by method and
 * path, records every request, and rewrites `{base}` in JSON so next links point at itself.
 */
export class FixtureServer {
  readonly requests: Recorded[] = [];
  readonly #routes: { method: string; path: string | RegExp; handler: Handler }[] = [];
  readonly #server: Server;
  url = '';

  private constructor() {
    this.#server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<FixtureServer> {
    const fixture = new FixtureServer();
    await new Promise<void>((resolve) => fixture.#server.listen(0, '127.0.0.1', resolve));
    fixture.url = `http://127.0.0.1:${(fixture.#server.address() as AddressInfo).port}`;
    return fixture;
  }

  /** Adds a route; later routes win, so a test can override a default. */
  on(method: string, path: string | RegExp, handler: Handler | Reply): this {
    this.#routes.unshift({ method, path, handler: typeof handler === 'function' ? handler : () => handler });
    return this;
  }

  /** Requests whose path matches. */
  calls(path: string | RegExp, method?: string): Recorded[] {
    return this.requests.filter((r) => (method === undefined || r.method === method) && matches(path, r.path));
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    const recorded: Recorded = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: raw ? safeJson(raw) : undefined,
    };
    this.requests.push(recorded);
    const route = this.#routes.find((r) => r.method === recorded.method && matches(r.path, recorded.path));
    const reply: Reply = route
      ? await route.handler(recorded)
      : { status: 404, json: { itemNotFound: { code: 404, message: `no fixture for ${recorded.method} ${recorded.path}` } } };
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (reply.destroy) {
      req.socket.destroy();
      return;
    }
    const body = reply.json !== undefined ? JSON.stringify(reply.json).replaceAll('{base}', this.url) : (reply.text ?? '');
    res.writeHead(reply.status ?? 200, {
      'Content-Type': reply.json !== undefined ? 'application/json' : 'text/plain',
      'Content-Length': String(Buffer.byteLength(body)),
      ...reply.headers,
    });
    if (reply.truncateAt !== undefined) {
      res.write(Buffer.from(body).subarray(0, reply.truncateAt), () => req.socket.destroy());
      return;
    }
    res.end(body);
  }
}

function matches(path: string | RegExp, actual: string): boolean {
  return typeof path === 'string' ? path === actual : path.test(actual);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
