/**
 * Issued Keystone tokens: opaque random strings with an expiry, and a use counter so the
 * `revokeTokensAfterRequests` fault can revoke a token mid-run.
 */
import { randomBytes } from 'node:crypto';

/** A role as Keystone renders it in a token. */
export interface DemoRole {
  id: string;
  name: string;
}

/** One issued token. */
export interface TokenRecord {
  id: string;
  userId: string;
  /** Null for unscoped tokens. */
  projectId: string | null;
  roles: DemoRole[];
  methods: string[];
  issuedMs: number;
  expiresMs: number;
  auditId: string;
  /** Requests authenticated with this token so far. */
  uses: number;
  revoked: boolean;
}

/** Why a token was refused (all map to 401). */
export type TokenRefusal = 'missing' | 'unknown' | 'expired' | 'revoked';

/** Issues and checks tokens. Wall-clock based: expiry must work while the cloud runs. */
export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();

  constructor(private readonly ttlSeconds: number) {}

  /** Issues a token, pruning expired ones so long runs do not grow without bound. */
  issue(userId: string, projectId: string | null, roles: DemoRole[], methods: string[]): TokenRecord {
    const now = Date.now();
    for (const [id, t] of this.tokens) if (t.expiresMs <= now) this.tokens.delete(id);
    // Fernet tokens start with gAAAAA; clients sometimes log only the prefix.
    const id = `gAAAAA${randomBytes(96).toString('base64url')}`;
    const token: TokenRecord = {
      id,
      userId,
      projectId,
      roles,
      methods,
      issuedMs: now,
      expiresMs: now + this.ttlSeconds * 1000,
      auditId: randomBytes(16).toString('base64url').slice(0, 22),
      uses: 0,
      revoked: false,
    };
    this.tokens.set(id, token);
    return token;
  }

  /** Looks a token up without counting a use (Keystone's own token validation). */
  peek(id: string | undefined): { ok: true; token: TokenRecord } | { ok: false; reason: TokenRefusal } {
    if (!id) return { ok: false, reason: 'missing' };
    const token = this.tokens.get(id);
    if (!token) return { ok: false, reason: 'unknown' };
    if (token.revoked) return { ok: false, reason: 'revoked' };
    if (token.expiresMs <= Date.now()) return { ok: false, reason: 'expired' };
    return { ok: true, token };
  }

  /**
   * Checks a token for one request and counts the use. With `revokeAfter` set, the request after
   * the N-th use finds the token revoked, as if an operator had revoked it.
   */
  use(id: string | undefined, revokeAfter: number | undefined): { ok: true; token: TokenRecord } | { ok: false; reason: TokenRefusal } {
    const found = this.peek(id);
    if (!found.ok) return found;
    const { token } = found;
    if (revokeAfter !== undefined && token.uses >= revokeAfter) {
      token.revoked = true;
      return { ok: false, reason: 'revoked' };
    }
    token.uses += 1;
    return found;
  }

  /** Revokes a token (DELETE /v3/auth/tokens). */
  revoke(id: string): boolean {
    const token = this.tokens.get(id);
    if (!token) return false;
    token.revoked = true;
    return true;
  }
}
