import { createHash } from 'node:crypto';
import type { CloudAuth } from '../config/cloud-config';

/**
 * A cache key for "these credentials at this cloud": a SHA-256 over every auth field, secrets
 * included, so a rotated password never picks up the old token, and the key itself reveals nothing.
 */
export function credentialKey(auth: CloudAuth, extra: readonly (string | undefined)[] = []): string {
  const hash = createHash('sha256');
  const parts = [
    auth.authUrl,
    auth.method,
    auth.userId,
    auth.username,
    auth.userDomainId,
    auth.userDomainName,
    auth.password?.reveal(),
    auth.projectId,
    auth.projectName,
    auth.projectDomainId,
    auth.projectDomainName,
    auth.applicationCredentialId,
    auth.applicationCredentialName,
    auth.applicationCredentialSecret?.reveal(),
    auth.token?.reveal(),
    ...extra,
  ];
  for (const part of parts) hash.update(`${part ?? ''}\u0000`);
  return hash.digest('hex').slice(0, 32);
}
