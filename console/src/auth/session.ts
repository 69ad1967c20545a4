/**
 * The signed-in session: the bearer token in sessionStorage (this tab only, gone when it closes),
 * never in a cookie. The subject is read from the token for display only; the API verifies it.
 */
const key = 'osr.session';

export interface Session {
  token: string;
  subject: string;
  admin: boolean;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export function sessionFromToken(token: string): Session {
  const claims = decodeClaims(token);
  const scopes = typeof claims.scope === 'string' ? claims.scope.split(' ') : Array.isArray(claims.scp) ? (claims.scp as string[]) : [];
  const subject = String(claims.email ?? claims['cognito:username'] ?? claims.username ?? claims.sub ?? '?');
  return {
    token,
    subject,
    admin: scopes.some((s) => s === 'admin' || s.endsWith('/admin')),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 3600_000,
  };
}

function decodeClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(key, JSON.stringify(session));
}

export function loadSession(): Session | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem(key) ?? 'null') as Session | null;
    return s && typeof s.token === 'string' && s.expiresAt > Date.now() ? s : undefined;
  } catch {
    return undefined;
  }
}

export function clearSession(): void {
  sessionStorage.removeItem(key);
}
