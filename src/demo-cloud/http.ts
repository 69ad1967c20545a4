/**
 * What every fake service handler receives and returns, plus the wire helpers they share
 * (Python-compatible URL encoding and OpenStack timestamp formats).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenRecord } from './tokens';
import type { DemoUser } from './data';

/** The service types the cloud serves, also the keys of `stats().byService`. */
export type ServiceType = 'identity' | 'compute' | 'volume' | 'network' | 'image' | 'object-store';

/** Who is calling, resolved from `X-Auth-Token`. */
export interface AuthContext {
  token: TokenRecord;
  user: DemoUser;
  /** Null for unscoped tokens. */
  projectId: string | null;
  isAdmin: boolean;
}

/** A request as a service handler sees it. */
export interface DemoRequest {
  method: string;
  /** Path below the service prefix, no trailing slash; '' for the service root. */
  path: string;
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The JSON body, parsed (undefined for Swift, whose bodies are bytes). */
  body: unknown;
  /** The body as received. */
  rawBody: Buffer;
  /** Absolute URL of the service root, e.g. `http://127.0.0.1:PORT/compute`. */
  serviceUrl: string;
  /** Absolute URL of this request, query included. */
  url: string;
  auth: AuthContext | null;
}

/** A response: JSON unless `text` or `bytes` is set. */
export interface DemoResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  text?: string;
  /** A binary body (a Swift object), sent with `contentType`; HEAD sends only its length. */
  bytes?: Uint8Array;
  contentType?: string;
}

/** A JSON response. */
export function json(status: number, body: unknown, headers?: Record<string, string>): DemoResponse {
  return { status, body, headers };
}

/** Python's `urllib.parse.quote_plus`: only letters, digits and `_.-~` stay literal. */
export function quotePlus(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Python's `urlencode` over ordered pairs. */
export function urlencode(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
}

/** webob `MultiDict` semantics of `params[key] = value`: drop every `key`, append it at the end. */
export function withParam(query: URLSearchParams, key: string, value: string): [string, string][] {
  const pairs = [...query.entries()].filter(([k]) => k !== key);
  pairs.push([key, value]);
  return pairs;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function parts(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2017-02-14T19:24:42Z`: Nova `created`/`updated`, Keystone-less services' Z timestamps. */
export function isoZ(ms: number): string {
  return `${parts(ms)}Z`;
}

/** `2017-02-14T19:24:43.891000`: naive UTC with microseconds (oslo `to_primitive`). */
export function naiveMicro(ms: number): string {
  return `${parts(ms)}.${pad((ms % 1000) * 1000, 6)}`;
}

/** `2015-11-07T02:58:43.578000Z`: Keystone token times. */
export function isoMicroZ(ms: number): string {
  return `${naiveMicro(ms)}Z`;
}

/** `2016-03-08T20:19:41`: naive UTC without fraction (Neutron ports/networks). */
export function naive(ms: number): string {
  return parts(ms);
}

/** Parses `true`/`1`/`yes`/`on` like oslo `bool_from_string` (strict=false). */
export function truthy(value: string | null): boolean {
  return value !== null && ['1', 't', 'true', 'on', 'y', 'yes'].includes(value.trim().toLowerCase());
}
