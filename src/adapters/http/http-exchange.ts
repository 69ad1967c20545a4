import { isAscii } from 'node:buffer';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { readFile } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

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

/** Settings of a {@link createNodeExchange}. */
export interface ExchangeOptions {
  /** A CA bundle to trust instead of the system's (PEM text or a file path). */
  cacert?: string;
  /** False skips TLS verification (`verify: false` in clouds.yaml). */
  verify: boolean;
  /**
   * Refuse to connect to these addresses: checked against every address a name resolves to, at
   * connection time (so DNS cannot answer differently later), and against IP literals in the URL.
   */
  refuseAddress?: (address: string, family: 4 | 6) => boolean;
  /**
   * Read at most about this many bytes of a body, then answer with the status, headers and the
   * text so far and close the connection: for callers that need the status only (webhooks), so a
   * receiver cannot make them hold gigabytes. Default: the whole body.
   */
  maxResponseBytes?: number;
}

/** The connection was refused by `refuseAddress`; never retried. */
export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  readonly code = 'EADDRREFUSED';
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(host === address ? `${address} is a private or reserved address` : `${host} resolves to ${address}, a private or reserved address`);
  }
}

/**
 * Requests over `node:http`/`node:https` with keep-alive agents of the cloud's own: TLS settings
 * (`cacert`, `verify: false`) are plain agent options, and no fetch machinery stands between the
 * socket and the 2 MB pages. Node 20's fetch costs 100–150 ms to start (undici and its WASM
 * parser) and turns each body through web streams and a `TextDecoder`; here a body is its
 * chunks, joined once, and read as Latin-1 when it is all ASCII (a plain copy), else as UTF-8.
 */
export function createNodeExchange(options: ExchangeOptions): Exchange {
  const { refuseAddress, maxResponseBytes = Infinity } = options;
  const lookup = refuseAddress ? guardedLookup(refuseAddress) : undefined;
  const http = new HttpAgent({ keepAlive: true, ...(lookup ? { lookup } : {}) });
  let https: Promise<HttpsAgent> | undefined;
  const httpsAgent = () =>
    (https ??= (async () => {
      const ca = options.cacert ? await readPem(options.cacert) : undefined;
      return new HttpsAgent({ keepAlive: true, rejectUnauthorized: options.verify, ...(ca ? { ca } : {}), ...(lookup ? { lookup } : {}) });
    })());

  return async ({ method, url, headers, body, signal }) => {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') throw new TypeError(`unsupported URL scheme ${target.protocol}`);
    // Node connects to an IP literal without a lookup: check it here.
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    const family = isIP(literal);
    if (refuseAddress && family !== 0 && refuseAddress(literal, family as 4 | 6)) throw new RefusedAddressError(literal, literal);
    const agent = secure ? await httpsAgent() : http;
    const send = secure ? httpsRequest : httpRequest;
    const outgoing: Record<string, string> = { ...headers };
    if (body !== undefined) outgoing['Content-Length'] = String(Buffer.byteLength(body));

    return new Promise<WireResponse>((resolve, reject) => {
      const req = send(target, { method, headers: outgoing, agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxResponseBytes) {
            // The caller wants the status, not the body: answer with what came, drop the rest.
            resolve({ status: res.statusCode ?? 0, headers: responseHeaders(res.headers), text: decode(chunks) });
            return req.destroy();
          }
          chunks.push(chunk);
        });
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

/** `dns.lookup` that fails when any address of the name is refused (it may be asked for one or all). */
function guardedLookup(refuse: NonNullable<ExchangeOptions['refuseAddress']>): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => refuse(a.address, a.family === 6 ? 6 : 4));
      if (refused) return callback(new RefusedAddressError(hostname, refused.address), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
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
