/**
 * Builds the whole demo cloud from a seed: identity, catalog, network, servers, storage and
 * quotas. Each part draws from its own random stream so its output stays stable when another
 * part changes.
 */
import type {
  DemoData,
  DemoDomain,
  DemoFlavor,
  DemoProject,
  DemoQuota,
  DemoServer,
  DemoUser,
  DemoVolume,
  DemoSnapshot,
  DemoFloatingIp,
  DemoPort,
} from './data';
import { generateFlavors, generateHosts, generateImages, generateVolumeTypes } from './generate-catalog';
import { generateNetworks } from './generate-network';
import { assignProjects, generateServers } from './generate-servers';
import { generateStorage } from './generate-storage';
import { AVAILABILITY_ZONES, PROJECT_NAMES, USER_NAMES } from './names';
import { createPrng, deriveSeed, type Prng } from './prng';

/** What the generator needs. */
export interface GenerateOptions {
  seed: number;
  /** Live servers (listed by Nova); deleted ones come on top. */
  servers: number;
  /** Projects including `admin`; at least 2. */
  projects: number;
  now: Date;
}

const HOUR = 3_600_000;

function generateIdentity(rng: Prng, count: number): { domain: DemoDomain; projects: DemoProject[]; users: DemoUser[] } {
  const domain: DemoDomain = { id: 'default', name: 'Default', description: 'The default domain', enabled: true };
  const projects: DemoProject[] = [
    {
      id: rng.hex32(),
      name: 'admin',
      description: 'Bootstrap project for initializing the cloud.',
      domainId: domain.id,
      enabled: true,
      isAdminProject: true,
      tags: [],
    },
  ];
  for (let k = 1; k < count; k++) {
    const name = PROJECT_NAMES[k - 1] ?? `project-${String(k).padStart(4, '0')}`;
    projects.push({
      id: rng.hex32(),
      name,
      description: k % 3 === 0 ? null : k % 3 === 1 ? '' : `Project ${name}`,
      domainId: domain.id,
      // A disabled project still owns resources, but nobody can scope a token to it.
      enabled: !(count >= 6 && k === count - 1),
      isAdminProject: false,
      tags: k % 4 === 0 ? ['billing:external'] : [],
    });
  }
  const users: DemoUser[] = [{ id: rng.hex32(), name: 'admin', domainId: domain.id, email: null, enabled: true, projectId: projects[0].id, role: 'admin' }];
  projects.slice(1).forEach((project, k) => {
    const members = k === 0 ? 2 : rng.chance(0.3) ? 2 : 1;
    for (let m = 0; m < members; m++) {
      const name = USER_NAMES[users.length - 1] ?? `user-${String(users.length).padStart(5, '0')}`;
      users.push({ id: rng.hex32(), name, domainId: domain.id, email: `${name}@example.org`, enabled: true, projectId: project.id, role: 'member' });
    }
  });
  return { domain, projects, users };
}

/**
 * Quota limits in four flavours, by project position: generous, exactly full, unlimited, and
 * already exceeded (quotas lowered below usage), so reports meet every case.
 */
function generateQuotas(
  projects: DemoProject[],
  flavorList: DemoFlavor[],
  servers: DemoServer[],
  volumes: DemoVolume[],
  snapshots: DemoSnapshot[],
  fips: DemoFloatingIp[],
  ports: DemoPort[],
): DemoQuota[] {
  const flavors = new Map(flavorList.map((f) => [f.id, f]));
  const used = new Map(projects.map((p) => [p.id, { instances: 0, cores: 0, ram: 0, volumes: 0, gigabytes: 0, snapshots: 0, floatingip: 0, port: 0 }]));
  for (const s of servers) {
    if (s.deleted) continue;
    const u = used.get(s.projectId)!;
    const f = flavors.get(s.flavorId)!;
    u.instances += 1;
    u.cores += f.vcpus;
    u.ram += f.ramMb;
  }
  for (const v of volumes) {
    const u = used.get(v.projectId)!;
    u.volumes += 1;
    u.gigabytes += v.sizeGb;
  }
  for (const s of snapshots) used.get(s.projectId)!.snapshots += 1;
  for (const f of fips) used.get(f.projectId)!.floatingip += 1;
  for (const p of ports) if (p.projectId) used.get(p.projectId)!.port += 1;

  return projects.map((project, k) => {
    const u = used.get(project.id)!;
    const mode = project.isAdminProject ? 2 : k % 4;
    const limit = (inUse: number, fallback: number): number => {
      if (mode === 0) return Math.max(fallback, Math.ceil((inUse * 2) / 10) * 10);
      if (mode === 1) return Math.max(inUse, 1);
      if (mode === 2) return -1;
      return Math.max(0, inUse - 1);
    };
    return {
      projectId: project.id,
      compute: {
        instances: limit(u.instances, 10),
        cores: limit(u.cores, 20),
        ram: limit(u.ram, 51200),
        key_pairs: 100,
        metadata_items: 128,
        server_groups: 10,
        server_group_members: 10,
      },
      volume: {
        volumes: limit(u.volumes, 10),
        gigabytes: limit(u.gigabytes, 1000),
        snapshots: limit(u.snapshots, 10),
        backups: 10,
        backup_gigabytes: 1000,
        per_volume_gigabytes: -1,
        groups: 10,
      },
      network: {
        floatingip: limit(u.floatingip, 50),
        network: 100,
        port: Math.max(500, u.port * 2),
        router: 10,
        subnet: 100,
        security_group: 10,
        security_group_rule: 100,
        rbac_policy: 10,
        subnetpool: -1,
      },
    };
  });
}

/** Generates the demo cloud's data. Deterministic for a given seed, counts and `now`. */
export function generateDemoData(options: GenerateOptions): DemoData {
  const { seed } = options;
  const nowMs = options.now.getTime();
  const stream = (name: string): Prng => createPrng(deriveSeed(seed, name));
  const projectCount = Math.max(2, options.projects);

  const { domain, projects, users } = generateIdentity(stream('identity'), projectCount);
  const usersByProject = new Map<string, DemoUser[]>();
  for (const u of users) usersByProject.set(u.projectId, [...(usersByProject.get(u.projectId) ?? []), u]);

  const flavorSet = generateFlavors(stream('flavors'), projects);
  const imageSet = generateImages(stream('images'), nowMs, projects);
  const hosts = generateHosts(options.servers);
  const volumeTypes = generateVolumeTypes(stream('volume-types'));

  const serverRng = stream('servers');
  const projectOf = assignProjects(serverRng, projects, Math.max(0, options.servers));
  const perProject = new Array<number>(projects.length).fill(0);
  for (const k of projectOf) perProject[k] += 1;
  const net = generateNetworks(stream('network'), nowMs, projects, Math.max(0, ...perProject));

  const generated = generateServers({ rng: serverRng, nowMs, projects, usersByProject, flavors: flavorSet, images: imageSet, hosts, net }, projectOf);
  const storage = generateStorage({
    rng: stream('storage'),
    nowMs,
    projects,
    servers: generated.servers,
    flavorsById: new Map(flavorSet.all.map((f) => [f.id, f])),
    images: imageSet,
    volumeTypes,
  });
  const ports = [...net.ports, ...generated.ports];
  const quotas = generateQuotas(projects, flavorSet.all, generated.servers, storage.volumes, storage.snapshots, generated.floatingIps, ports);

  return {
    seed,
    now: new Date(nowMs),
    domain,
    projects,
    users,
    flavors: flavorSet.all,
    images: imageSet.all,
    servers: generated.servers,
    volumes: storage.volumes,
    volumeTypes,
    snapshots: storage.snapshots,
    networks: net.networks,
    subnets: net.subnets,
    routers: net.routers,
    ports,
    floatingIps: generated.floatingIps,
    quotas,
    hosts,
    availabilityZones: [...AVAILABILITY_ZONES],
  };
}

/** Default `now`: the current time truncated to the hour, so a restart within the hour reproduces the data. */
export function defaultNow(): Date {
  return new Date(Math.floor(Date.now() / HOUR) * HOUR);
}
