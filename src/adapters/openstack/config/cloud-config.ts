import type { ServiceType } from '../service-type';
import type { Secret } from './secret';

/** How the client proves who it is to Keystone v3. */
export type AuthMethod = 'password' | 'application_credential' | 'token';

/** Which catalog endpoint to use (clouds.yaml `interface`, `OS_INTERFACE`). */
export type EndpointInterface = 'public' | 'internal' | 'admin';

/**
 * Keystone credentials and scope, renamed from clouds.yaml's `auth` block. Secrets are `Secret`s,
 * so printing or serialising a config never shows them.
 */
export interface CloudAuth {
  authUrl: string;
  method: AuthMethod;
  userId?: string;
  username?: string;
  userDomainId?: string;
  userDomainName?: string;
  password?: Secret;
  projectId?: string;
  projectName?: string;
  projectDomainId?: string;
  projectDomainName?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: Secret;
  token?: Secret;
}

/** One cloud, as the OpenStack CLI would see it: from clouds.yaml (+ secure.yaml), OS_* or a secret. */
export interface CloudConfig {
  /** The clouds.yaml name, `envvars` for OS_* variables, or `secret` for a bare secret entry. */
  readonly name: string;
  /** Where it was read: a file path, `environment` or `document`. Named in error messages. */
  readonly source: string;
  readonly auth: Readonly<CloudAuth>;
  readonly regionName?: string;
  readonly interface: EndpointInterface;
  /** `<service>_endpoint_override`; `%(project_id)s` / `$(project_id)s` are filled in from the token. */
  readonly endpointOverrides: Readonly<Partial<Record<ServiceType, string>>>;
  /** A CA bundle: a file path (clouds.yaml, OS_CACERT) or PEM text (a secret document). */
  readonly cacert?: string;
  /** False for `verify: false` / `OS_INSECURE=true`. */
  readonly verify: boolean;
}
