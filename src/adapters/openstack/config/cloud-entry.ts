import * as z from 'zod';
import type { ServiceType } from '../service-type';
import type { AuthMethod, CloudAuth, CloudConfig, EndpointInterface } from './cloud-config';
import { CloudConfigError } from './cloud-config-error';
import { Secret } from './secret';

/** YAML turns `project_id: 12345` into a number; every auth value is really a string. */
const str = z.union([z.string(), z.number()]).transform(String).optional();
const bool = z.union([z.boolean(), z.string(), z.number()]).optional();

/** One entry under `clouds:` in clouds.yaml (and secure.yaml), as openstacksdk reads it. */
export const cloudEntrySchema = z.looseObject({
  auth: z
    .looseObject({
      auth_url: str,
      username: str,
      user_id: str,
      password: str,
      project_name: str,
      project_id: str,
      tenant_name: str,
      tenant_id: str,
      user_domain_name: str,
      user_domain_id: str,
      project_domain_name: str,
      project_domain_id: str,
      domain_name: str,
      domain_id: str,
      default_domain_name: str,
      default_domain_id: str,
      application_credential_id: str,
      application_credential_name: str,
      application_credential_secret: str,
      token: str,
    })
    .optional(),
  auth_type: str,
  region_name: str,
  regions: z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).optional(),
  interface: str,
  endpoint_type: str,
  identity_api_version: str,
  cacert: str,
  verify: bool,
  insecure: bool,
});
export type CloudEntry = z.output<typeof cloudEntrySchema>;

/** clouds.yaml override keys (`compute_endpoint_override`, ...) per service, aliases included. */
const OVERRIDE_KEYS: Record<ServiceType, string[]> = {
  identity: ['identity'],
  compute: ['compute'],
  'block-storage': ['block_storage', 'block-storage', 'volumev3', 'volume'],
  network: ['network'],
  image: ['image'],
  placement: ['placement'],
  'object-store': ['object_store', 'object-store', 'swift'],
};

const AUTH_TYPES: Record<string, AuthMethod> = {
  password: 'password',
  v3password: 'password',
  v3applicationcredential: 'application_credential',
  applicationcredential: 'application_credential',
  v3_application_credential: 'application_credential',
  application_credential: 'application_credential',
  token: 'token',
  v3token: 'token',
};

/** Where an entry came from, for messages, and how its keys are spelled there. */
export interface EntryOrigin {
  name: string;
  source: string;
  /** `cloud "prod" in /etc/openstack/clouds.yaml`, or `OS_* environment variables`. */
  where: string;
  /** How to name a key in messages (`auth.password`, or `OS_PASSWORD` for the environment). */
  keyName?: (key: string) => string;
}

/**
 * Validates one clouds.yaml entry and renames it into a `CloudConfig`. Errors list the keys that
 * are missing or malformed, never their values.
 */
export function cloudConfigFromEntry(raw: unknown, origin: EntryOrigin): CloudConfig {
  const key = origin.keyName ?? ((k: string) => k);
  const parsed = cloudEntrySchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${key(i.path.map(String).join('.')) || '(entry)'}: ${i.message}`);
    throw new CloudConfigError(`${origin.where} is invalid: ${issues.join('; ')}`);
  }
  const entry = parsed.data;
  const a = entry.auth ?? {};
  const fail = (what: string): never => {
    throw new CloudConfigError(`${origin.where}: ${what}`);
  };

  const authUrl = a.auth_url ?? fail(`${key('auth.auth_url')} is required`);
  if (!/^https?:\/\//i.test(authUrl)) fail(`${key('auth.auth_url')} must be an http(s) URL`);
  const method = authMethod(entry, origin, key);
  const defaultDomainId = a.default_domain_id ?? a.domain_id;
  const defaultDomainName = a.default_domain_name ?? a.domain_name;
  // As in OSC: the user's/project's own domain, else `domain_*`/`default_domain_*`, else `default`.
  const domainOf = (id?: string, name?: string): { id: string } | { name: string } =>
    id ? { id } : name ? { name } : defaultDomainId ? { id: defaultDomainId } : defaultDomainName ? { name: defaultDomainName } : { id: 'default' };

  const auth: CloudAuth = { authUrl, method };
  const projectId = a.project_id ?? a.tenant_id;
  const projectName = a.project_name ?? a.tenant_name;
  const setProject = () => {
    if (projectId) auth.projectId = projectId;
    else if (projectName) {
      const d = domainOf(a.project_domain_id, a.project_domain_name);
      Object.assign(auth, { projectName }, 'id' in d ? { projectDomainId: d.id } : { projectDomainName: d.name });
    }
  };
  const setUser = (required: string) => {
    if (a.user_id) auth.userId = a.user_id;
    else if (a.username) {
      const d = domainOf(a.user_domain_id, a.user_domain_name);
      Object.assign(auth, { username: a.username }, 'id' in d ? { userDomainId: d.id } : { userDomainName: d.name });
    } else fail(required);
  };

  switch (method) {
    case 'password':
      setUser(`${key('auth.username')} or ${key('auth.user_id')} is required for password authentication`);
      if (!a.password) fail(`${key('auth.password')} is required for password authentication`);
      auth.password = new Secret(a.password!);
      if (!projectId && !projectName) {
        // An unscoped token has no service catalog: nothing could be listed.
        fail(`${key('auth.project_id')} or ${key('auth.project_name')} is required (reports need a project-scoped token)`);
      }
      setProject();
      break;
    case 'application_credential':
      if (!a.application_credential_secret) fail(`${key('auth.application_credential_secret')} is required`);
      auth.applicationCredentialSecret = new Secret(a.application_credential_secret!);
      if (a.application_credential_id) auth.applicationCredentialId = a.application_credential_id;
      else if (a.application_credential_name) {
        auth.applicationCredentialName = a.application_credential_name;
        setUser(`${key('auth.username')} or ${key('auth.user_id')} is required with ${key('auth.application_credential_name')}`);
      } else fail(`${key('auth.application_credential_id')} or ${key('auth.application_credential_name')} is required`);
      break;
    case 'token':
      auth.token = new Secret(a.token ?? fail(`${key('auth.token')} is required for token authentication`));
      setProject();
      break;
  }

  const region = entry.region_name ?? firstRegion(entry.regions);
  return Object.freeze({
    name: origin.name,
    source: origin.source,
    auth: Object.freeze(auth),
    ...(region ? { regionName: region } : {}),
    interface: endpointInterface(entry.interface ?? entry.endpoint_type, origin, key),
    endpointOverrides: Object.freeze(endpointOverrides(raw)),
    ...(entry.cacert ? { cacert: entry.cacert } : {}),
    verify: verifyFlag(entry),
  });
}

function authMethod(entry: CloudEntry, origin: EntryOrigin, key: (k: string) => string): AuthMethod {
  const a = entry.auth ?? {};
  if (entry.auth_type) {
    const method = AUTH_TYPES[entry.auth_type.toLowerCase()];
    if (!method) {
      throw new CloudConfigError(
        `${origin.where}: ${key('auth_type')} "${entry.auth_type}" is not supported; use one of: ${Object.keys(AUTH_TYPES).join(', ')}`,
      );
    }
    return method;
  }
  if (a.application_credential_id || a.application_credential_name || a.application_credential_secret) {
    return 'application_credential';
  }
  if (a.token && !a.password) return 'token';
  return 'password';
}

function endpointInterface(value: string | undefined, origin: EntryOrigin, key: (k: string) => string): EndpointInterface {
  if (value === undefined) return 'public';
  // keystone v2 spelled them publicURL/internalURL/adminURL; OSC still accepts that.
  const normalized = value.toLowerCase().replace(/url$/, '');
  if (normalized === 'public' || normalized === 'internal' || normalized === 'admin') return normalized;
  throw new CloudConfigError(`${origin.where}: ${key('interface')} must be public, internal or admin, not "${value}"`);
}

function firstRegion(regions: CloudEntry['regions']): string | undefined {
  const first = regions?.[0];
  return typeof first === 'string' ? first : first?.name;
}

function verifyFlag(entry: CloudEntry): boolean {
  const falsy = (v: unknown) => v === false || v === 0 || (typeof v === 'string' && /^(false|no|0|off)$/i.test(v));
  const truthy = (v: unknown) => v === true || v === 1 || (typeof v === 'string' && /^(true|yes|1|on)$/i.test(v));
  if (truthy(entry.insecure)) return false;
  return !falsy(entry.verify);
}

function endpointOverrides(raw: unknown): Partial<Record<ServiceType, string>> {
  const result: Partial<Record<ServiceType, string>> = {};
  if (!raw || typeof raw !== 'object') return result;
  const record = raw as Record<string, unknown>;
  for (const [service, names] of Object.entries(OVERRIDE_KEYS) as [ServiceType, string[]][]) {
    for (const name of names) {
      const value = record[`${name}_endpoint_override`];
      if (typeof value === 'string' && value !== '') {
        result[service] = value;
        break;
      }
    }
  }
  return result;
}
