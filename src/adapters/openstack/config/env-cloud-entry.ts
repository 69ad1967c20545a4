/** `OS_*` variables that map into clouds.yaml's `auth` block, by auth key. */
const AUTH_VARIABLES: Record<string, string[]> = {
  auth_url: ['OS_AUTH_URL'],
  username: ['OS_USERNAME'],
  user_id: ['OS_USER_ID'],
  password: ['OS_PASSWORD'],
  project_name: ['OS_PROJECT_NAME', 'OS_TENANT_NAME'],
  project_id: ['OS_PROJECT_ID', 'OS_TENANT_ID'],
  user_domain_name: ['OS_USER_DOMAIN_NAME'],
  user_domain_id: ['OS_USER_DOMAIN_ID'],
  project_domain_name: ['OS_PROJECT_DOMAIN_NAME'],
  project_domain_id: ['OS_PROJECT_DOMAIN_ID'],
  domain_name: ['OS_DOMAIN_NAME'],
  domain_id: ['OS_DOMAIN_ID'],
  default_domain_name: ['OS_DEFAULT_DOMAIN_NAME'],
  default_domain_id: ['OS_DEFAULT_DOMAIN_ID', 'OS_DEFAULT_DOMAIN'],
  application_credential_id: ['OS_APPLICATION_CREDENTIAL_ID'],
  application_credential_name: ['OS_APPLICATION_CREDENTIAL_NAME'],
  application_credential_secret: ['OS_APPLICATION_CREDENTIAL_SECRET'],
  token: ['OS_TOKEN'],
};

/** Top-level clouds.yaml keys and their variables. */
const TOP_VARIABLES: Record<string, string[]> = {
  auth_type: ['OS_AUTH_TYPE'],
  region_name: ['OS_REGION_NAME'],
  interface: ['OS_INTERFACE', 'OS_ENDPOINT_TYPE'],
  cacert: ['OS_CACERT'],
  insecure: ['OS_INSECURE'],
  identity_api_version: ['OS_IDENTITY_API_VERSION'],
};

/**
 * Builds a clouds.yaml-shaped entry from `OS_*` variables, so the environment goes through the
 * same validation as a file. `OS_COMPUTE_ENDPOINT_OVERRIDE` and friends become
 * `compute_endpoint_override`, as in openstacksdk.
 */
export function envCloudEntry(env: Record<string, string | undefined>): Record<string, unknown> {
  const pick = (names: string[]) => names.map((n) => env[n]).find((v) => v !== undefined && v !== '');
  const auth: Record<string, string> = {};
  for (const [key, names] of Object.entries(AUTH_VARIABLES)) {
    const value = pick(names);
    if (value !== undefined) auth[key] = value;
  }
  const entry: Record<string, unknown> = { auth };
  for (const [key, names] of Object.entries(TOP_VARIABLES)) {
    const value = pick(names);
    if (value !== undefined) entry[key] = value;
  }
  for (const [name, value] of Object.entries(env)) {
    const match = /^OS_([A-Z0-9_]+)_ENDPOINT_OVERRIDE$/.exec(name);
    if (match && value) entry[`${match[1]!.toLowerCase()}_endpoint_override`] = value;
  }
  return entry;
}

/** Names `auth.password` as `OS_PASSWORD` in messages about the environment. */
export function envKeyName(key: string): string {
  const [head, tail] = key.startsWith('auth.') ? ['auth', key.slice(5)] : ['top', key];
  const names = head === 'auth' ? AUTH_VARIABLES[tail] : TOP_VARIABLES[tail];
  return names ? names[0]! : key;
}
