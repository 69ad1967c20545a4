import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { callerFromClaims, type Authenticate } from '../../domain/caller';

export interface JoseAuthenticatorOptions {
  /** Shared secret for HS256 development tokens. */
  secret?: Uint8Array;
  /** A JWKS URL for tokens from an identity provider. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  ownerClaim: string;
  /** The resource-server prefix scopes may carry (`<prefix>/reports:read`); none: only bare scopes count. */
  scopePrefix?: string;
}

/** Verifies bearer JWTs in-process (the local runtime; on AWS the HTTP API's authorizer does it). */
export function joseAuthenticator(options: JoseAuthenticatorOptions): Authenticate {
  const jwks: JWTVerifyGetKey | undefined = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  return async ({ authorization }) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'an Authorization: Bearer <token> header is required' };
    try {
      const verifyOptions = { issuer: options.issuer || undefined, audience: options.audience || undefined };
      const { payload } = jwks
        ? await jwtVerify(match[1]!, jwks, verifyOptions)
        : await jwtVerify(match[1]!, options.secret ?? new Uint8Array(), { ...verifyOptions, algorithms: ['HS256'] });
      return callerFromClaims(payload as Record<string, unknown>, options.ownerClaim, options.scopePrefix);
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'the token has expired' : 'the token is not valid' };
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
