import type { FloatingIp, Port, Project, ProjectQuota, ProjectUsage, Server, ServerUsage, Volume } from '../../src/domain/cloud';
import type { InventorySource } from '../../src/domain/ports';

/**
 * A small hand-written cloud with round numbers, for tests that check arithmetic by hand: three
 * projects, servers with shared names, a partial record, idle resources, and usage lines whose
 * hours are chosen to exercise rounding.
 */
export const now = new Date('2026-03-15T12:00:00Z');

export const projects: Project[] = [
  { id: 'p-alpha', name: 'alpha', enabled: true },
  { id: 'p-beta', name: 'beta', enabled: true },
  { id: 'p-gamma', name: 'gamma', enabled: true },
];

const flavor = (name: string, vcpus: number, ramMb: number, diskGb: number) => ({ name, vcpus, ramMb, diskGb, ephemeralGb: 0, swapMb: 0 });
const small = flavor('m1.small', 1, 2048, 20);
const large = flavor('m1.large', 4, 8192, 80);
const odd = flavor('x1.odd', 3, 3072, 30);

function server(id: string, name: string, projectId: string, status: string, f: Server['flavor'], extra: Partial<Server> = {}): Server {
  return {
    id,
    name,
    projectId,
    status,
    powerState: status === 'ACTIVE' ? 1 : 4,
    flavor: f,
    imageId: 'img-1',
    availabilityZone: 'nova',
    host: 'compute-01',
    addresses: [{ network: 'private', addr: `10.0.0.${id.slice(-2)}`, version: 4, type: 'fixed' }],
    metadata: { env: 'prod' },
    tags: [],
    created: '2026-01-10T08:00:00Z',
    updated: '2026-02-01T08:00:00Z',
    volumeIds: [],
    partial: false,
    ...extra,
  };
}

export const servers: Server[] = [
  server('srv-a01', 'web', 'p-alpha', 'ACTIVE', small),
  server('srv-a02', 'web', 'p-alpha', 'ACTIVE', small, { metadata: { env: 'dev' } }),
  server('srv-a03', 'db', 'p-alpha', 'SHUTOFF', large, { updated: '2026-01-01T00:00:00Z' }),
  server('srv-b01', 'batch', 'p-beta', 'ACTIVE', odd, {
    addresses: [
      { network: 'private', addr: '10.0.1.1', version: 4, type: 'fixed' },
      { network: 'private', addr: '203.0.113.7', version: 4, type: 'floating' },
    ],
  }),
  server('srv-b02', 'cache', 'p-beta', 'SHUTOFF', small, { updated: '2026-03-10T00:00:00Z' }),
  {
    id: 'srv-b99',
    name: '',
    projectId: 'p-beta',
    status: 'UNKNOWN',
    flavor: null,
    imageId: null,
    addresses: [],
    metadata: {},
    tags: [],
    created: '2026-01-01T00:00:00Z',
    volumeIds: [],
    partial: true,
  },
  server('srv-g01', 'analytics', 'p-gamma', 'ACTIVE', large, { tags: ['billing'] }),
];

export const volumes: Volume[] = [
  {
    id: 'vol-1',
    name: 'db-data',
    projectId: 'p-alpha',
    sizeGb: 100,
    status: 'in-use',
    volumeType: 'ssd',
    bootable: false,
    attachments: [{ serverId: 'srv-a03' }],
    createdAt: '2026-01-10T08:00:00Z',
  },
  {
    id: 'vol-2',
    name: 'orphan',
    projectId: 'p-beta',
    sizeGb: 50,
    status: 'available',
    volumeType: 'hdd',
    bootable: false,
    attachments: [],
    createdAt: '2026-02-14T00:00:00Z',
  },
  {
    id: 'vol-3',
    name: null,
    projectId: 'p-gamma',
    sizeGb: 10,
    status: 'available',
    volumeType: 'hdd',
    bootable: false,
    attachments: [],
    createdAt: '2026-03-01T00:00:00Z',
  },
];

export const floatingIps: FloatingIp[] = [
  {
    id: 'fip-1',
    address: '203.0.113.7',
    projectId: 'p-beta',
    status: 'ACTIVE',
    portId: 'port-b01',
    fixedIpAddress: '10.0.1.1',
    routerId: 'r',
    floatingNetworkId: 'public',
    createdAt: '2026-01-10T08:00:00Z',
  },
  {
    id: 'fip-2',
    address: '203.0.113.9',
    projectId: 'p-gamma',
    status: 'DOWN',
    portId: null,
    fixedIpAddress: null,
    routerId: null,
    floatingNetworkId: 'public',
    createdAt: '2026-02-20T00:00:00Z',
  },
];

export const ports: Port[] = [
  {
    id: 'port-b01',
    projectId: 'p-beta',
    networkId: 'n',
    deviceId: 'srv-b01',
    deviceOwner: 'compute:nova',
    status: 'ACTIVE',
    fixedIps: [{ subnetId: 's', ipAddress: '10.0.1.1' }],
  },
];

const line = (
  instanceId: string,
  name: string,
  projectId: string,
  f: { name: string; vcpus: number; ramMb: number; diskGb: number },
  hours: number,
  state = 'active',
  endedAt: string | null = null,
): ServerUsage => ({
  instanceId,
  name,
  projectId,
  flavor: f.name,
  vcpus: f.vcpus,
  memoryMb: f.ramMb,
  localGb: f.diskGb,
  hours,
  startedAt: '2026-01-10T08:00:00Z',
  endedAt,
  state,
});

/** Usage lines: hours with three decimals so per-line rounding matters. */
export const usageLines: ServerUsage[] = [
  line('srv-a01', 'web', 'p-alpha', small, 672),
  line('srv-a02', 'web', 'p-alpha', small, 333.333),
  line('srv-a03', 'db', 'p-alpha', large, 672, 'stopped'),
  line('srv-b01', 'batch', 'p-beta', odd, 100.005),
  line('srv-b02', 'cache', 'p-beta', small, 0.125, 'stopped'),
  line('srv-gone', 'old-worker', 'p-beta', odd, 12.5, 'terminated', '2026-02-03T00:00:00Z'),
  line('srv-g01', 'analytics', 'p-gamma', large, 1.001),
];

export const quotas: ProjectQuota[] = projects.map((p) => ({
  projectId: p.id,
  compute: {
    instances: { limit: 10, inUse: servers.filter((s) => s.projectId === p.id).length },
    cores: { limit: 20, inUse: 5 },
    ram: { limit: 51200, inUse: 10240 },
  },
  volume: { volumes: { limit: -1, inUse: 1 }, gigabytes: { limit: 1000, inUse: 100 } },
  network: { floatingip: { limit: 5, inUse: 1 } },
}));

/** The usage Nova would report for a project (totals are sums of the lines, unrounded). */
export function usageFor(projectId: string, start: Date, end: Date): ProjectUsage {
  const mine = usageLines.filter((l) => l.projectId === projectId);
  return {
    projectId,
    start: start.toISOString(),
    stop: end.toISOString(),
    totalHours: mine.reduce((n, l) => n + l.hours, 0),
    vcpuHours: mine.reduce((n, l) => n + l.hours * l.vcpus, 0),
    memoryMbHours: mine.reduce((n, l) => n + l.hours * l.memoryMb, 0),
    diskGbHours: mine.reduce((n, l) => n + l.hours * l.localGb, 0),
    servers: mine,
  };
}

/** The fixture as an InventorySource; `calls` records what was asked. */
export function fixtureSource(overrides: Partial<InventorySource> = {}): InventorySource & { calls: string[] } {
  const calls: string[] = [];
  const scoped = <T extends { projectId?: string }>(items: T[], scope: { kind: 'all' } | { kind: 'projects'; projectIds: string[] }) =>
    scope.kind === 'all' ? items : items.filter((i) => i.projectId !== undefined && scope.projectIds.includes(i.projectId));
  const source: InventorySource & { calls: string[] } = {
    calls,
    listProjects: async () => (calls.push('projects'), projects),
    listServers: async (scope) => (calls.push('servers'), scoped(servers, scope)),
    listVolumes: async (scope) => (calls.push('volumes'), scoped(volumes, scope)),
    listSnapshots: async () => [],
    listFloatingIps: async (scope) => (calls.push('floatingIps'), scoped(floatingIps, scope)),
    listPorts: async (scope) => (calls.push('ports'), scoped(ports, scope)),
    listImages: async () => (calls.push('images'), [{ id: 'img-1', name: 'ubuntu-24.04', status: 'active' }]),
    getUsage: async (scope, period) => {
      calls.push('usage');
      const ids = scope.kind === 'all' ? projects.map((p) => p.id) : scope.projectIds;
      return ids.map((id) => usageFor(id, period.start, period.end));
    },
    getQuotas: async (ids) => (calls.push('quotas'), quotas.filter((q) => ids.includes(q.projectId))),
    checkAuth: async () => undefined,
    ...overrides,
  };
  return source;
}

/** A price list: flavor prices for m1.*, unit prices for everything else, discount and tax. */
export const priceList = {
  name: 'Test prices',
  currency: 'USD',
  flavors: { 'm1.small': '0.0230', 'm1.large': '0.0920' },
  units: { vcpuHour: '0.0211', ramGbHour: '0.0033', diskGbHour: '0.0001', volumeGbMonth: '0.10', floatingIpHour: '0.005' },
  discountPercent: 10,
  taxPercent: 8.5,
};
