import { getRequestListener, RequestError } from '@hono/node-server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { problemBody, type Problem } from '../../handlers/api/problem';

type Fetch = (request: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => Response | Promise<Response>;

/** The local API's HTTP server on 127.0.0.1. */
export interface LocalHttpServer {
  /** `http://127.0.0.1:<port>`: the runtime's own origin, which every link the API writes uses. */
  url: string;
  /** Starts answering with the app (until then: 503). `maxBodyBytes`: the app's body limit, for `Expect: 100-continue`. */
  serve(fetch: Fetch, options: { maxBodyBytes: number }): void;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1 first, so the URL (and its port) is known before the app is built. Every
 * answer is problem+json, also those Node or the adapter would give bare:
 * - requests Node cannot parse (`clientError`): 400, 431 for headers too large, 408 on timeout;
 * - a `Host` header that is missing, repeated or not a valid host (RFC 9112 §3.2): 400;
 * - `Expect: 100-continue` with a `Content-Length` over the limit: 413 at once, without
 *   `100 Continue`, so the client never sends the body; any other expectation: 417.
 */
export async function listenLocal(port: number): Promise<LocalHttpServer> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    writeProblem(res, 503, 'service-unavailable', 'The server is starting; try again in a moment.');
  let maxBodyBytes = Infinity;

  // Host is checked below, so that its absence is answered like any other bad request.
  const server: Server = createServer({ requireHostHeader: false }, (req, res) => handle(req, res));
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > maxBodyBytes) {
      writeProblem(res, 413, 'body-too-large', `The body may be at most ${maxBodyBytes} bytes.`, { limit: maxBodyBytes });
      return;
    }
    res.writeContinue();
    handle(req, res);
  });
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    writeProblem(res, 417, 'expectation-failed', `Only "Expect: 100-continue" is understood, not "${req.headers.expect}".`);
  });
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, code, detail] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? ([431, 'header-fields-too-large', 'The request line and headers are too large.'] as const)
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ([408, 'request-timeout', 'The request did not arrive in time.'] as const)
          : ([400, 'bad-request', 'The request could not be parsed.'] as const);
    const body = JSON.stringify(problemBody(status, code, detail));
    socket.end(
      `HTTP/1.1 ${status} ${problemBody(status, code).title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    serve(fetch, options) {
      maxBodyBytes = options.maxBodyBytes;
      const listener = getRequestListener(fetch as Parameters<typeof getRequestListener>[0], {
        // An HTTP/1.0 request may come without Host; links never depend on it.
        hostname: new URL(url).host,
        // Only the adapter's own errors arrive here (the app answers its errors itself): an unusable Host or target.
        errorHandler: (error) =>
          error instanceof RequestError
            ? problemResponse(400, 'bad-request', `The request cannot be served: ${error.message.toLowerCase()}.`)
            : problemResponse(500, 'internal-error', 'Something went wrong on our side.'),
      });
      handle = (req, res) => {
        const hosts = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i]!.toLowerCase() === 'host').length;
        if (hosts > 1 || (hosts === 0 && req.httpVersion !== '1.0')) {
          writeProblem(res, 400, 'bad-request', hosts === 0 ? 'The request has no Host header.' : 'The request has more than one Host header.');
          return;
        }
        void listener(req, res);
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function problemResponse(status: number, code: string, detail: string): Response {
  return new Response(JSON.stringify(problemBody(status, code, detail)), { status, headers: { 'content-type': 'application/problem+json' } });
}

/** Answers with problem+json and closes the connection: the request's body, if any, is never read. */
function writeProblem(res: ServerResponse, status: number, code: string, detail: string, extra: Partial<Problem> = {}): void {
  const body = JSON.stringify(problemBody(status, code, detail, extra));
  res.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}
