/**
 * What the service handlers share: the data indexes, the object store, the token store and the
 * cloud's settings.
 */
import type { DemoResponse, DemoRequest } from './http';
import type { DemoObjectStore } from './object-store';
import type { DemoStore } from './store';
import type { TokenStore, DemoRole } from './tokens';

/** Shared state of one running demo cloud. */
export interface CloudContext {
  store: DemoStore;
  /** Swift's containers and objects, in memory, per account. */
  objects: DemoObjectStore;
  tokens: TokenStore;
  /** `http://127.0.0.1:PORT`. */
  baseUrl: string;
  /** Largest page any list returns (Nova `max_limit`, Cinder `osapi_max_limit`, ...). */
  maxLimit: number;
  /** The data's clock (`DemoData.now`): usage periods are clamped to it, as Nova clamps to now. */
  nowMs: number;
  /** Passwords by user id. */
  passwords: Map<string, string>;
  roles: { admin: DemoRole; member: DemoRole; reader: DemoRole };
}

/** A service: maps a request below its prefix to a response. */
export type ServiceHandler = (req: DemoRequest, ctx: CloudContext) => DemoResponse;

/** Parses a page size: absent or 0 means `fallback`; capped at `max`. */
export function parseLimit(raw: string | null, max: number, fallback = max): { ok: true; limit: number } | { ok: false; message: string } {
  if (raw === null || raw === '') return { ok: true, limit: Math.min(fallback, max) };
  if (!/^-?\d+$/.test(raw.trim())) return { ok: false, message: 'limit param must be an integer' };
  const limit = Number(raw);
  if (limit < 0) return { ok: false, message: 'limit param must be positive' };
  return { ok: true, limit: limit === 0 ? Math.min(fallback, max) : Math.min(limit, max) };
}
