import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { callerFromClaims, type Authenticate } from '../../domain/caller';

export interface JoseAuthenticatorOptions {
  /** Shared secret for HS256 development tokens. */
  secret?: Uint8Array;
  /** A JWKS URL for tokens from an identity provider. */
  jwksUrl?: string;
  /** The `iss` a token must name; none: any. The local runtime requires `devTokenIssuer`. */
  issuer?: string;
  /** An `aud` a token must name; none: any. The local runtime requires `devTokenAudience`. */
  audience?: string;
  ownerClaim: string;
  /** The resource-server prefix scopes may carry (`<prefix>/reports:read`); none: only bare scopes count. */
  scopePrefix?: string;
}

/** Why a token that failed verification is refused, for the 401's detail. */
function refusal(error: unknown): string {
  const { code, claim } = error as { code?: string; claim?: string };
  if (code === 'ERR_JWT_EXPIRED') return 'the token has expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    if (claim === 'exp') return 'the token has no expiry ("exp" claim)';
    if (claim === 'iss') return 'the token was not issued for this service ("iss" claim)';
    if (claim === 'aud') return 'the token is not meant for this service ("aud" claim)';
  }
  return 'the token is not valid';
}

/**
 * Verifies bearer JWTs in-process (the local runtime; on AWS the HTTP API's authorizer does it).
 * Every token must carry `exp`; `issuer` and `audience`, when given, must match.
 */
export function joseAuthenticator(options: JoseAuthenticatorOptions): Authenticate {
  const jwks: JWTVerifyGetKey | undefined = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  return async ({ authorization }) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'an Authorization: Bearer <token> header is required' };
    try {
      const verifyOptions = { issuer: options.issuer || undefined, audience: options.audience || undefined, requiredClaims: ['exp'] };
      const { payload } = jwks
        ? await jwtVerify(match[1]!, jwks, verifyOptions)
        : await jwtVerify(match[1]!, options.secret ?? new Uint8Array(), { ...verifyOptions, algorithms: ['HS256'] });
      return callerFromClaims(payload as Record<string, unknown>, options.ownerClaim, options.scopePrefix);
    } catch (error) {
      return { ok: false, reason: refusal(error) };
    }
  };
}

/**
 * Trusts claims API Gateway's JWT authorizer verified (AWS). `scopePrefix`: the Cognito resource
 * server's identifier, which prefixes the scopes it issues (`AUTH_SCOPE_PREFIX`).
 */
export function apiGatewayAuthenticator(ownerClaim: string, scopePrefix?: string): Authenticate {
  return async ({ verifiedClaims }) =>
    verifiedClaims ? callerFromClaims(verifiedClaims, ownerClaim, scopePrefix) : { ok: false, reason: 'the request carries no verified token' };
}
