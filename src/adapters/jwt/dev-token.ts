import { SignJWT } from 'jose';

/**
 * Issuer and audience of development tokens: the local runtime accepts only tokens that name both
 * (and carry an expiry), so a token made for anything else with the same key is refused.
 */
export const devTokenIssuer = 'openstack-reports-local';
export const devTokenAudience = 'openstack-reports-local';

/** Mints an HS256 development token the local runtime accepts (default 30 days). Never used on AWS. */
export async function mintDevToken(
  secret: Uint8Array,
  options: { sub: string; scopes: string[]; expiresInSeconds?: number; issuer?: string; audience?: string },
): Promise<string> {
  return new SignJWT({ scope: options.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds ?? 30 * 86_400}s`)
    .setIssuer(options.issuer ?? devTokenIssuer)
    .setAudience(options.audience ?? devTokenAudience)
    .sign(secret);
}
