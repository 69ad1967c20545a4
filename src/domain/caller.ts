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

/** Reads the owner and scopes from verified JWT claims (`scope` space-separated, or `scp` array). */
export function callerFromClaims(claims: Record<string, unknown>, ownerClaim: string): { ok: true; caller: Caller } | { ok: false; reason: string } {
  const owner = claims[ownerClaim];
  if (typeof owner !== 'string' || owner.length === 0) return { ok: false, reason: `the token has no "${ownerClaim}" claim` };
  if (owner.length > maxOwnerLength) return { ok: false, reason: `the "${ownerClaim}" claim is longer than ${maxOwnerLength} characters` };
  const raw = claims.scope ?? claims.scp;
  // API Gateway passes array claims as "[a b]" strings.
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.replace(/^\[|\]$/g, '').split(/[\s,]+/) : [];
  const granted = new Set(list.filter(Boolean).map((s) => s.replace(/^.*\//, '')));
  return { ok: true, caller: { owner, scopes: granted, admin: granted.has('admin') } };
}
