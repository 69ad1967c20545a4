/** Scopes a token can carry. */
export const scopes = ['reports:read', 'reports:write', 'schedules:read', 'schedules:write', 'admin'] as const;
export type Scope = (typeof scopes)[number];

/** Who is calling: resources belong to `owner`; `admin` sees every owner's. */
export interface Caller {
  owner: string;
  scopes: ReadonlySet<string>;
  admin: boolean;
}

/** Turns a bearer token (or, on AWS, the claims API Gateway verified) into a caller, or says why not. */
export type Authenticate = (request: {
  authorization?: string;
  /** Claims that API Gateway's JWT authorizer has already verified. */
  verifiedClaims?: Record<string, unknown>;
}) => Promise<{ ok: true; caller: Caller } | { ok: false; reason: string }>;

/** Longest accepted owner: it becomes part of DynamoDB keys, which have a size limit of their own. */
export const maxOwnerLength = 256;

/**
 * Reads the owner and scopes from verified JWT claims (`scope` space-separated, or `scp` array).
 * Only our scopes grant anything, each given exactly (`reports:read`) or, when the deployment names
 * one, behind its resource-server prefix (`<prefix>/reports:read`, as Cognito issues them). Any
 * other scope is ignored: `billing/admin`, `https://evil.example.com/admin` or `x/reports:write`
 * grant nothing.
 */
export function callerFromClaims(
  claims: Record<string, unknown>,
  ownerClaim: string,
  scopePrefix?: string,
): { ok: true; caller: Caller } | { ok: false; reason: string } {
  const owner = claims[ownerClaim];
  if (typeof owner !== 'string' || owner.length === 0) return { ok: false, reason: `the token has no "${ownerClaim}" claim` };
  if (owner.length > maxOwnerLength) return { ok: false, reason: `the "${ownerClaim}" claim is longer than ${maxOwnerLength} characters` };
  const raw = claims.scope ?? claims.scp;
  // API Gateway passes array claims as "[a b]" strings.
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  const granted = new Set<string>();
  for (const given of list) {
    const scope = ourScope(given, scopePrefix);
    if (scope) granted.add(scope);
  }
  return { ok: true, caller: { owner, scopes: granted, admin: granted.has('admin') } };
}

const isScope = (s: string): s is Scope => (scopes as readonly string[]).includes(s);

/** The scope of ours a granted scope string is, if any. */
function ourScope(given: string, prefix: string | undefined): Scope | undefined {
  if (isScope(given)) return given;
  if (prefix && given.startsWith(`${prefix}/`)) {
    const rest = given.slice(prefix.length + 1);
    if (isScope(rest)) return rest;
  }
  return undefined;
}
