import type { OidcAuth } from '../config';
import { saveSession, sessionFromToken, type Session } from './session';

/**
 * OpenID Connect authorization code flow with PKCE (RFC 7636, S256) for a public client: the
 * verifier and state live in sessionStorage only between the redirect and the callback.
 */
const pendingKey = 'osr.oidc.pending';

function base64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri(auth: OidcAuth): string {
  return new URL(auth.redirectPath, location.origin).href;
}

/** Sends the browser to the provider's sign-in page. */
export async function beginSignIn(auth: OidcAuth, returnTo: string): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(auth.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(auth),
    scope: auth.scopes.join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

/** True when this page load is the provider's redirect back (`?code=…&state=…` or `?error=…`). */
export function isCallback(auth: OidcAuth): boolean {
  const params = new URLSearchParams(location.search);
  return location.pathname === auth.redirectPath && (params.has('code') || params.has('error'));
}

/** Exchanges the code for tokens; answers the hash route to return to. */
export async function completeSignIn(auth: OidcAuth): Promise<{ session: Session; returnTo: string }> {
  const params = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  sessionStorage.removeItem(pendingKey);
  if (params.has('error')) throw new Error(params.get('error_description') ?? params.get('error') ?? 'sign-in refused');
  if (!pending || params.get('state') !== pending.state) throw new Error('The sign-in answer does not match this tab; sign in again.');
  const response = await fetch(auth.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code: params.get('code') ?? '',
      redirect_uri: redirectUri(auth),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`The token endpoint answered ${response.status}.`);
  const tokens = (await response.json()) as { access_token?: string; id_token?: string };
  if (!tokens.access_token) throw new Error('The token endpoint sent no access token.');
  // The access token carries the API's scopes; the ID token only names the user.
  const session = sessionFromToken(tokens.access_token);
  if (tokens.id_token) session.subject = sessionFromToken(tokens.id_token).subject;
  saveSession(session);
  return { session, returnTo: pending.returnTo };
}

/** Where to send the browser to end the provider's session too (Cognito's `/logout`), if known. */
export function signOutUrl(auth: OidcAuth): string | undefined {
  if (!auth.logoutEndpoint) return undefined;
  const url = new URL(auth.logoutEndpoint);
  url.search = new URLSearchParams({ client_id: auth.clientId, logout_uri: `${location.origin}/` }).toString();
  return url.href;
}
