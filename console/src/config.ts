/** `config.json` beside the console: where the API is and how to sign in (written by the deployment). */
export type ConsoleConfig = {
  /** The API's origin; empty: the console's own origin (the API is routed under `/v1/*`). */
  apiBaseUrl: string;
  auth: LocalAuth | OidcAuth;
};

/** The local service: a development token minted by `POST /console/dev-token`. */
export interface LocalAuth {
  mode: 'local';
}

/** OpenID Connect authorization code with PKCE (Cognito's hosted UI, or the configured issuer). */
export interface OidcAuth {
  mode: 'oidc';
  issuer: string;
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  scopes: string[];
  redirectPath: string;
  /** Where the provider signs the user out, when it has such an endpoint (Cognito: `/logout`). */
  logoutEndpoint?: string;
}

/** Reads and checks `config.json`; a malformed one is an error the page shows. */
export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  const raw = (await response.json()) as Partial<ConsoleConfig>;
  const auth = raw.auth as Partial<OidcAuth> | Partial<LocalAuth> | undefined;
  if (typeof raw.apiBaseUrl !== 'string' || !auth) throw new Error('config.json lacks apiBaseUrl or auth');
  if (auth.mode === 'oidc') {
    const o = auth as Partial<OidcAuth>;
    for (const key of ['issuer', 'clientId', 'authorizationEndpoint', 'tokenEndpoint', 'redirectPath'] as const) {
      if (typeof o[key] !== 'string') throw new Error(`config.json: auth.${key} is missing`);
    }
    return { apiBaseUrl: raw.apiBaseUrl, auth: { ...(o as OidcAuth), scopes: Array.isArray(o.scopes) ? o.scopes : ['openid'] } };
  }
  if (auth.mode !== 'local') throw new Error('config.json: auth.mode must be "local" or "oidc"');
  return { apiBaseUrl: raw.apiBaseUrl, auth: { mode: 'local' } };
}
