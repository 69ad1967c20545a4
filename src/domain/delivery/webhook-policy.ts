import { isIP } from 'node:net';
import { isLocalhostName, isPrivateAddress } from './private-addresses';

/** Which webhook URLs a deployment accepts. On AWS both are on; locally both are off. */
export interface WebhookPolicy {
  /** Only `https://` receivers. */
  httpsOnly: boolean;
  /** No receiver on loopback, private, link-local or reserved addresses. */
  refusePrivateAddresses: boolean;
}

/**
 * Why `url` cannot receive webhooks under `policy`, judged from the URL alone (IP literals, IPv6
 * literals carrying a private IPv4, and `localhost` names with or without a trailing dot), or undefined. A name that resolves to a private address is refused later, when
 * the sender connects; this check lets the API answer 400 for what it can see at once.
 */
export function webhookUrlProblem(url: string, policy: WebhookPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // the schema reports malformed URLs
  }
  if (policy.httpsOnly && parsed.protocol !== 'https:') return 'must be an https:// URL in this deployment';
  if (!policy.refusePrivateAddresses) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(host);
  if (isLocalhostName(host) || (family !== 0 && isPrivateAddress(host, family as 4 | 6))) {
    return `points at ${host}, a loopback, private or reserved address, which webhooks may not reach in this deployment`;
  }
  return undefined;
}
