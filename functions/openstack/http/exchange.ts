import { readFile } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** One request on the wire, as the transport hands it over. */
export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Aborts the exchange, body included. */
  signal: AbortSignal;
}

/** Response headers by case-insensitive name; repeated headers are joined with `, `. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

/** A whole response: the transport always reads the body (errors need it, pages are JSON). */
export interface WireResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/**
 * Sends one request and reads the whole response. The client's default is
 * {@link createNodeExchange}; tests wrap it to play a middlebox that alters bytes on the way.
 */
export type Exchange = (request: WireRequest) => Promise<WireResponse>;

/** TLS settings of a cloud: a CA bundle (PEM text or file path) and/or no verification at all. */
export interface TlsSettings {
  cacert?: string;
  verify: boolean;
}

/**
 * Requests over `node:http`/`node:https` with keep-alive agents of the cloud's own: TLS settings
 * (`cacert`, `verify: false`) are plain agent options, and no fetch machinery stands between the
 * socket and the 2 MB pages. Node 20's fetch costs 100–150 ms to start (undici and its WASM
 * parser) and turns each body through web streams and a `TextDecoder`; here a body is its
 * chunks, joined once, and read as Latin-1 when it is all ASCII (a plain copy), else as UTF-8.
 */
export function createNodeExchange(tls: TlsSettings): Exchange {
  const http = new HttpAgent({ keepAlive: true });
  let https: Promise<HttpsAgent> | undefined;
  const httpsAgent = () =>
    (https ??= (async () => {
      const ca = tls.cacert ? await readPem(tls.cacert) : undefined;
      return new HttpsAgent({ keepAlive: true, rejectUnauthorized: tls.verify, ...(ca ? { ca } : {}) });
    })());

  return async ({ method, url, headers, body, signal }) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') throw new TypeError(`unsupported URL scheme ${target.protocol}`);
    const agent = secure ? await httpsAgent() : http;
    const send = secure ? httpsRequest : httpRequest;
    const outgoing: Record<string, string> = { ...headers };
    if (body !== undefined) outgoing['Content-Length'] = String(Buffer.byteLength(body));

    return new Promise<WireResponse>((resolve, reject) => {
      const req = send(target, { method, headers: outgoing, agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('aborted', () => reject(new Error('the connection closed before the whole response arrived')));
        res.on('end', () => {
          if (!res.complete) return reject(new Error('the connection closed before the whole response arrived'));
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders(res.headers), text: decode(chunks) });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  };
}

/** UTF-8 without a byte-order mark, as fetch's `text()` reads it; all-ASCII bodies are copied as is. */
function decode(chunks: Buffer[]): string {
  const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  if (isAscii(bytes)) return bytes.toString('latin1');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function responseHeaders(headers: IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

async function readPem(cacert: string): Promise<string> {
  // A secret document may carry the bundle inline; clouds.yaml names a file.
  if (cacert.includes('-----BEGIN')) return cacert;
  return readFile(cacert, 'utf8');
}
