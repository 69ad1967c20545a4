import { SignJWT } from 'jose';

/** Mints an HS256 development token the local runtime accepts. Never used on AWS. */
export async function mintDevToken(
  secret: Uint8Array,
  options: { sub: string; scopes: string[]; expiresInSeconds?: number; issuer?: string; audience?: string },
): Promise<string> {
  let jwt = new SignJWT({ scope: options.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSeconds ?? 30 * 86_400}s`);
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(secret);
}
