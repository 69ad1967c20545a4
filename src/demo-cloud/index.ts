/**
 * The demo OpenStack cloud: a fake Keystone v3, Nova, Cinder, Neutron, Glance and Swift served by
 * one Node HTTP server on 127.0.0.1, with deterministic data from a seed and injectable faults.
 */
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import type { CloudContext } from './context';
import type { DemoData } from './data';
import { FaultInjector, type DemoFaults } from './faults';
import { defaultNow, generateDemoData } from './generate';
import { identityUrl } from './keystone';
import { DemoObjectStore, type StoredObject } from './object-store';
import { createPrng, deriveSeed } from './prng';
import { DemoHttpServer, type RequestLogEntry } from './server';
import { buildStore } from './store';
import { TokenStore } from './tokens';

export type { DemoFaults } from './faults';
export type { RequestLogEntry } from './server';
export type { StoredObject } from './object-store';
export type * from './data';

/** How to start a demo cloud; every field has a default. */
export interface DemoCloudOptions {
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 (an ephemeral port). */
  port?: number;
  /** Seed of the generated data and of fault decisions; default 42. */
  seed?: number;
  /** Live servers listed by Nova; default 60 (about 8% more deleted ones exist for usage). */
  servers?: number;
  /** Projects, `admin` included; default 6, at least 2. */
  projects?: number;
  /** Token lifetime; default 3600 seconds. */
  tokenTtlSeconds?: number;
  /** Data is generated relative to this instant; default now truncated to the hour. */
  now?: Date;
  /** Faults in force from the start. */
  faults?: DemoFaults;
  /** Largest page size of every list API (and Nova/Cinder/Neutron's default page); default 1000. */
  maxLimit?: number;
  /** Fixes the admin password instead of a random one. */
  adminPassword?: string;
  /** Fixes the member password instead of a random one. */
  memberPassword?: string;
  /** Called after every response, e.g. to print an access log. */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** Password credentials for one user, scoped to one project. */
export interface DemoCredentials {
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
  userDomainName: 'Default';
  projectDomainName: 'Default';
}

/** A running demo cloud. */
export interface DemoCloud {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  url: string;
  /** Keystone v3 URL, e.g. `http://127.0.0.1:PORT/identity/v3`. */
  authUrl: string;
  /** The admin user, scoped to the `admin` project. */
  admin: DemoCredentials;
  /** A member (`demo`) of one non-admin project (`demo`). */
  member: DemoCredentials;
  /** The generated data. */
  data: DemoData;
  /** Replaces the injected faults (`{}` turns them off). */
  setFaults(f: DemoFaults): void;
  /** Every object Swift holds, by account (project), container and name. */
  objects(): StoredObject[];
  /** Request counters since start or the last reset. */
  stats(): { requests: number; byService: Record<string, number>; byStatus: Record<string, number> };
  resetStats(): void;
  /** A clouds.yaml document with one cloud entry for `who` (default admin) named `name` (default `demo`). */
  cloudsYaml(name?: string, who?: 'admin' | 'member'): string;
  /** One clouds.yaml cloud entry (auth, region, interface) for `who`, as an object. */
  cloudEntry(who?: 'admin' | 'member'): Record<string, unknown>;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Generates the data and starts serving it. */
export async function startDemoCloud(options: DemoCloudOptions = {}): Promise<DemoCloud> {
  const seed = options.seed ?? 42;
  const data = generateDemoData({
    seed,
    servers: options.servers ?? 60,
    projects: options.projects ?? 6,
    now: options.now ?? defaultNow(),
  });
  const store = buildStore(data);
  const adminUser = data.users.find((u) => u.role === 'admin')!;
  const memberUser = data.users.find((u) => u.role === 'member')!;
  const passwords = new Map(data.users.map((u) => [u.id, randomBytes(18).toString('base64url')]));
  if (options.adminPassword !== undefined) passwords.set(adminUser.id, options.adminPassword);
  if (options.memberPassword !== undefined) passwords.set(memberUser.id, options.memberPassword);
  const roleRng = createPrng(deriveSeed(seed, 'roles'));

  const ctx: CloudContext = {
    store,
    objects: new DemoObjectStore(),
    tokens: new TokenStore(options.tokenTtlSeconds ?? 3600),
    baseUrl: '',
    maxLimit: options.maxLimit ?? 1000,
    nowMs: data.now.getTime(),
    passwords,
    roles: { admin: { id: roleRng.hex32(), name: 'admin' }, member: { id: roleRng.hex32(), name: 'member' }, reader: { id: roleRng.hex32(), name: 'reader' } },
  };
  const faults = new FaultInjector(seed, options.faults);
  const server = new DemoHttpServer(ctx, faults, options.onRequest);
  const url = await server.listen(options.host ?? '127.0.0.1', options.port ?? 0);
  ctx.baseUrl = url;
  const authUrl = identityUrl(url);

  const credentials = (userId: string): DemoCredentials => {
    const user = store.users.get(userId)!;
    return {
      authUrl,
      username: user.name,
      password: passwords.get(user.id)!,
      projectName: store.projects.get(user.projectId)!.name,
      userDomainName: 'Default',
      projectDomainName: 'Default',
    };
  };
  const admin = credentials(adminUser.id);
  const member = credentials(memberUser.id);

  const cloudEntry = (who: 'admin' | 'member' = 'admin') => {
    const c = who === 'admin' ? admin : member;
    return {
      auth: {
        auth_url: c.authUrl,
        username: c.username,
        password: c.password,
        project_name: c.projectName,
        user_domain_name: c.userDomainName,
        project_domain_name: c.projectDomainName,
      },
      region_name: 'RegionOne',
      interface: 'public',
    };
  };
  return {
    url,
    authUrl,
    admin,
    member,
    data,
    setFaults: (f) => faults.set(f),
    objects: () => ctx.objects.all(),
    stats: () => server.stats(),
    resetStats: () => server.resetStats(),
    cloudEntry,
    cloudsYaml: (name = 'demo', who = 'admin') => stringify({ clouds: { [name]: { ...cloudEntry(who), identity_api_version: 3 } } }),
    close: () => server.close(),
  };
}
