import type {
  Flavor,
  FloatingIp,
  Image,
  Period,
  Port,
  Project,
  ProjectQuota,
  ProjectScope,
  ProjectUsage,
  Server,
  ServerUsage,
  Snapshot,
  Volume,
} from '../domain/cloud';
import type { InventorySource } from '../domain/ports';

/**
 * A deterministic in-memory cloud: the sample data beside the templates, for previews, template
 * tests and the benchmark. Same options, same cloud. It answers like an admin view of Nova, Cinder,
 * Neutron and Glance, including os-simple-tenant-usage computed from the servers' lifetimes.
 */
export interface SampleCloudOptions {
  servers: number;
  projects: number;
  seed?: number;
  /** "Now" for creation times and usage (default 2026-03-15T12:00:00Z). */
  now?: Date;
  /** Names given to the first servers, in order (the rest are generated). */
  names?: string[];
  /** Project names, in order (the rest are generated). */
  projectNames?: string[];
  /** Share of servers that are partial records from a down cell (default 0.002). */
  partialShare?: number;
  /** Extra usage lines for servers deleted during the period, per project (default 1). */
  deletedPerProject?: number;
}

/** The generated records, for tests that compute expectations independently. */
export interface SampleCloud {
  source: InventorySource;
  projects: Project[];
  servers: Server[];
  volumes: Volume[];
  floatingIps: FloatingIp[];
  ports: Port[];
  images: Image[];
  flavors: Flavor[];
  /** Servers deleted before now, known to usage only: [projectId, line without hours]. */
  deleted: { projectId: string; line: Omit<ServerUsage, 'hours'>; created: string; ended: string }[];
}

export const sampleFlavors: Flavor[] = [
  { name: 'm1.tiny', vcpus: 1, ramMb: 512, diskGb: 1, ephemeralGb: 0, swapMb: 0 },
  { name: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20, ephemeralGb: 0, swapMb: 0 },
  { name: 'm1.medium', vcpus: 2, ramMb: 4096, diskGb: 40, ephemeralGb: 0, swapMb: 0 },
  { name: 'm1.large', vcpus: 4, ramMb: 8192, diskGb: 80, ephemeralGb: 0, swapMb: 0 },
  { name: 'm1.xlarge', vcpus: 8, ramMb: 16384, diskGb: 160, ephemeralGb: 0, swapMb: 0 },
  { name: 'c2.highcpu', vcpus: 16, ramMb: 16384, diskGb: 40, ephemeralGb: 0, swapMb: 0 },
  { name: 'r2.highmem', vcpus: 8, ramMb: 65536, diskGb: 80, ephemeralGb: 20, swapMb: 0 },
];

const defaultProjectNames = ['finance', 'web-shop', 'data-lake', 'ci-runners', 'marketing', 'research', 'hr-portal', 'edge-cache', 'analytics', 'staging'];
const roles = ['web', 'api', 'db', 'worker', 'cache', 'batch', 'gateway', 'search', 'queue', 'ml'];
const zones = ['nova', 'az-east', 'az-west'];

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuid(rand: () => number): string {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const part = (n: number) => Array.from({ length: n }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

const hourMs = 3_600_000;

/** Builds a sample cloud. */
export function createSampleCloud(options: SampleCloudOptions): SampleCloud {
  const rand = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
  const now = options.now ?? new Date('2026-03-15T12:00:00Z');
  const projects: Project[] = Array.from({ length: options.projects }, (_, i) => ({
    id: `p${String(i).padStart(3, '0')}${uuid(rand).slice(4).replace(/-/g, '')}`,
    name: options.projectNames?.[i] ?? defaultProjectNames[i] ?? `project-${i + 1}`,
    domainId: 'default',
    enabled: true,
  }));
  const images: Image[] = ['ubuntu-24.04', 'debian-12', 'rocky-9', 'windows-2022', 'cirros-0.6'].map((name) => ({
    id: uuid(rand),
    name,
    status: 'active',
    visibility: 'public',
  }));
  const servers: Server[] = [];
  const volumes: Volume[] = [];
  const floatingIps: FloatingIp[] = [];
  const ports: Port[] = [];
  const partialShare = options.partialShare ?? 0.002;

  for (let i = 0; i < options.servers; i++) {
    // Projects get uneven shares, as in real clouds.
    const project = projects[Math.min(projects.length - 1, Math.floor(Math.pow(rand(), 1.6) * projects.length))];
    const flavor = sampleFlavors[Math.min(sampleFlavors.length - 1, Math.floor(Math.pow(rand(), 1.4) * sampleFlavors.length))];
    const id = uuid(rand);
    const createdMs = now.getTime() - Math.floor(rand() * 400 * 24) * hourMs - Math.floor(rand() * hourMs);
    const r = rand();
    const status = r < 0.82 ? 'ACTIVE' : r < 0.95 ? 'SHUTOFF' : r < 0.97 ? 'ERROR' : r < 0.985 ? 'PAUSED' : 'SHELVED_OFFLOADED';
    const powerState = status === 'ACTIVE' ? 1 : status === 'PAUSED' ? 3 : status === 'ERROR' ? 0 : 4;
    const updatedMs = Math.min(now.getTime(), createdMs + Math.floor(rand() * (now.getTime() - createdMs)));
    const name = options.names?.[i] ?? `${pick(roles)}-${String(1 + Math.floor(rand() * 40)).padStart(2, '0')}`;
    const partial = options.names?.[i] === undefined && rand() < partialShare;
    const net = 10 + (projects.indexOf(project) % 200);
    const fixed = `10.${net}.${Math.floor(i / 250) % 250}.${(i % 250) + 2}`;
    const bootFromVolume = rand() < 0.1;
    if (partial) {
      servers.push({
        id,
        name: '',
        projectId: project.id,
        status: 'UNKNOWN',
        flavor: null,
        imageId: null,
        addresses: [],
        metadata: {},
        tags: [],
        created: new Date(createdMs).toISOString(),
        volumeIds: [],
        partial: true,
      });
      continue;
    }
    const server: Server = {
      id,
      name,
      projectId: project.id,
      userId: 'u-1',
      status,
      powerState,
      taskState: null,
      flavor: { ...flavor },
      imageId: bootFromVolume ? null : rand() < 0.03 ? uuid(rand) : pick(images).id,
      availabilityZone: pick(zones),
      host: `compute-${String(1 + Math.floor(rand() * 24)).padStart(2, '0')}`,
      addresses: [{ network: 'private', addr: fixed, version: 4, type: 'fixed' }],
      metadata: { env: pick(['prod', 'staging', 'dev']), team: pick(['blue', 'green', 'red']) },
      tags: rand() < 0.3 ? ['billing'] : [],
      created: new Date(createdMs).toISOString(),
      updated: new Date(updatedMs).toISOString(),
      launchedAt: new Date(createdMs + 60_000).toISOString(),
      volumeIds: [],
      partial: false,
    };
    servers.push(server);
    const portId = uuid(rand);
    ports.push({
      id: portId,
      projectId: project.id,
      networkId: 'net-private',
      deviceId: id,
      deviceOwner: 'compute:nova',
      status: 'ACTIVE',
      fixedIps: [{ subnetId: 'sub-1', ipAddress: fixed }],
    });
    if (rand() < 0.25) {
      const address = `203.0.${Math.floor(floatingIps.length / 250) % 250}.${(floatingIps.length % 250) + 1}`;
      server.addresses.push({ network: 'private', addr: address, version: 4, type: 'floating' });
      floatingIps.push({
        id: uuid(rand),
        address,
        projectId: project.id,
        status: 'ACTIVE',
        portId,
        fixedIpAddress: fixed,
        routerId: 'r-1',
        floatingNetworkId: 'public',
        createdAt: new Date(createdMs + 120_000).toISOString(),
      });
    }
    if (rand() < 0.5) {
      const volumeId = uuid(rand);
      server.volumeIds.push(volumeId);
      volumes.push({
        id: volumeId,
        name: `${name}-data`,
        projectId: project.id,
        sizeGb: pick([10, 20, 50, 100, 250, 500]),
        status: 'in-use',
        volumeType: pick(['ssd', 'hdd']),
        bootable: false,
        attachments: [{ serverId: id, device: '/dev/vdb' }],
        createdAt: new Date(createdMs + 300_000).toISOString(),
      });
    }
  }
  // Idle resources: unattached volumes and unassociated floating IPs.
  const idle = Math.max(1, Math.floor(options.servers * 0.04));
  for (let i = 0; i < idle; i++) {
    const project = pick(projects);
    const createdAt = new Date(now.getTime() - Math.floor(rand() * 200 * 24) * hourMs).toISOString();
    volumes.push({
      id: uuid(rand),
      name: i % 3 === 0 ? null : `orphan-${i + 1}`,
      projectId: project.id,
      sizeGb: pick([50, 100, 200, 1000]),
      status: 'available',
      volumeType: 'hdd',
      bootable: false,
      attachments: [],
      createdAt,
    });
    if (i % 2 === 0) {
      floatingIps.push({
        id: uuid(rand),
        address: `198.51.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`,
        projectId: project.id,
        status: 'DOWN',
        portId: null,
        fixedIpAddress: null,
        routerId: null,
        floatingNetworkId: 'public',
        createdAt,
      });
    }
  }
  const deleted: SampleCloud['deleted'] = [];
  for (const project of projects) {
    for (let k = 0; k < (options.deletedPerProject ?? 1); k++) {
      const flavor = pick(sampleFlavors);
      const ended = new Date(now.getTime() - Math.floor(rand() * 20 * 24 + 1) * hourMs);
      const created = new Date(ended.getTime() - Math.floor(rand() * 60 * 24 + 1) * hourMs);
      deleted.push({
        projectId: project.id,
        created: created.toISOString(),
        ended: ended.toISOString(),
        line: {
          instanceId: uuid(rand),
          name: `old-${pick(roles)}`,
          projectId: project.id,
          flavor: flavor.name,
          vcpus: flavor.vcpus,
          memoryMb: flavor.ramMb,
          localGb: flavor.diskGb + flavor.ephemeralGb,
          startedAt: created.toISOString(),
          endedAt: ended.toISOString(),
          state: 'terminated',
        },
      });
    }
  }

  const inScope = <T extends { projectId?: string }>(items: T[], scope: ProjectScope) => {
    if (scope.kind === 'all') return items;
    const ids = new Set(scope.projectIds);
    return items.filter((x) => x.projectId !== undefined && ids.has(x.projectId));
  };
  const overlapHours = (from: number, to: number, period: Period) =>
    Math.max(0, Math.min(to, period.end.getTime(), now.getTime()) - Math.max(from, period.start.getTime())) / hourMs;

  const source: InventorySource = {
    listProjects: async () => projects,
    listServers: async (scope) => inScope(servers, scope),
    listVolumes: async (scope) => inScope(volumes, scope),
    listSnapshots: async (): Promise<Snapshot[]> => [],
    listFloatingIps: async (scope) => inScope(floatingIps, scope),
    listPorts: async (scope) => inScope(ports, scope),
    listImages: async () => images,
    checkAuth: async () => undefined,
    getQuotas: async (ids) =>
      ids.map((projectId): ProjectQuota => {
        const mine = servers.filter((s) => s.projectId === projectId && !s.partial);
        const vols = volumes.filter((v) => v.projectId === projectId);
        const instances = Math.max(10, Math.ceil((mine.length * 1.25) / 10) * 10);
        return {
          projectId,
          compute: {
            instances: { limit: instances, inUse: mine.length },
            cores: { limit: instances * 4, inUse: mine.reduce((n, s) => n + (s.flavor?.vcpus ?? 0), 0) },
            ram: { limit: instances * 8192, inUse: mine.reduce((n, s) => n + (s.flavor?.ramMb ?? 0), 0) },
          },
          volume: { volumes: { limit: -1, inUse: vols.length }, gigabytes: { limit: 10_000, inUse: vols.reduce((n, v) => n + v.sizeGb, 0) } },
          network: { floatingip: { limit: 50, inUse: floatingIps.filter((f) => f.projectId === projectId).length } },
        };
      }),
    getUsage: async (scope, period) => {
      const ids = scope.kind === 'all' ? projects.map((p) => p.id) : scope.projectIds;
      return ids.map((projectId): ProjectUsage => {
        const lines: ServerUsage[] = [];
        for (const s of servers) {
          if (s.projectId !== projectId || s.partial || !s.flavor) continue;
          const hours = overlapHours(Date.parse(s.created), Number.POSITIVE_INFINITY, period);
          if (hours <= 0) continue;
          lines.push({
            instanceId: s.id,
            name: s.name,
            projectId,
            flavor: s.flavor.name,
            vcpus: s.flavor.vcpus,
            memoryMb: s.flavor.ramMb,
            localGb: s.flavor.diskGb + s.flavor.ephemeralGb,
            hours,
            startedAt: s.created,
            endedAt: null,
            state: s.status === 'SHUTOFF' ? 'stopped' : 'active',
          });
        }
        for (const d of deleted) {
          if (d.projectId !== projectId) continue;
          const hours = overlapHours(Date.parse(d.created), Date.parse(d.ended), period);
          if (hours > 0) lines.push({ ...d.line, hours });
        }
        return {
          projectId,
          start: period.start.toISOString(),
          stop: period.end.toISOString(),
          totalHours: lines.reduce((n, l) => n + l.hours, 0),
          vcpuHours: lines.reduce((n, l) => n + l.hours * l.vcpus, 0),
          memoryMbHours: lines.reduce((n, l) => n + l.hours * l.memoryMb, 0),
          diskGbHours: lines.reduce((n, l) => n + l.hours * l.localGb, 0),
          servers: lines,
        };
      });
    },
  };
  return { source, projects, servers, volumes, floatingIps, ports, images, flavors: sampleFlavors, deleted };
}

/** A price list for samples: flavor prices for the common flavors, unit prices for the rest. */
export const samplePriceList = {
  name: 'Public list prices 2026',
  currency: 'USD',
  flavors: { 'm1.tiny': '0.0050', 'm1.small': '0.0230', 'm1.medium': '0.0460', 'm1.large': '0.0920', 'm1.xlarge': '0.1840' },
  units: { vcpuHour: '0.0210', ramGbHour: '0.0030', diskGbHour: '0.0001', volumeGbMonth: '0.08', floatingIpHour: '0.005' },
  discountPercent: 10,
  taxPercent: 8.5,
};
