/**
 * Generates Nova servers (live in every common status, and deleted ones that only matter to
 * usage), their Neutron ports and floating IPs.
 */
import type { DemoFlavor, DemoFloatingIp, DemoHost, DemoPort, DemoProject, DemoServer, DemoServerStatus, DemoUser } from './data';
import type { FlavorSet, ImageSet } from './generate-catalog';
import { macAddress, type NetworkPlan } from './generate-network';
import { SERVER_ROLES, SPECIAL_SERVER_NAMES } from './names';
import type { Prng } from './prng';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const STATUSES: DemoServerStatus[] = ['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR', 'SHELVED_OFFLOADED'];
const STATUS_WEIGHTS = [58, 15, 4, 4, 7, 12];
const VM_STATE: Record<DemoServerStatus, [string, number]> = {
  ACTIVE: ['active', 1],
  SHUTOFF: ['stopped', 4],
  PAUSED: ['paused', 3],
  SUSPENDED: ['suspended', 7],
  ERROR: ['error', 1],
  SHELVED_OFFLOADED: ['shelved_offloaded', 4],
  DELETED: ['deleted', 0],
};

/** Inputs shared by the server generator. */
export interface ServerContext {
  rng: Prng;
  nowMs: number;
  projects: DemoProject[];
  usersByProject: Map<string, DemoUser[]>;
  flavors: FlavorSet;
  images: ImageSet;
  hosts: DemoHost[];
  net: NetworkPlan;
}

/** Servers and the Neutron objects created for them. */
export interface GeneratedServers {
  servers: DemoServer[];
  ports: DemoPort[];
  floatingIps: DemoFloatingIp[];
}

/** Project of each live server: one each first so no project is empty, then a skewed draw. */
export function assignProjects(rng: Prng, projects: DemoProject[], count: number): number[] {
  const weights = projects.map((p, k) => (p.isAdminProject ? 0.3 : (0.5 + rng.next()) / Math.pow(k, 0.7)));
  const pick = rng.weightedPicker(
    projects.map((_, k) => k),
    weights,
  );
  return Array.from({ length: count }, (_, i) => (i < projects.length ? i : pick()));
}

/** Weighted draws prepared once per cloud. */
interface Pickers {
  flavor: () => DemoFlavor;
  status: () => DemoServerStatus;
}

function pickFlavor(ctx: ServerContext, pickers: Pickers, projectId: string, ageDays: number, forceRetired: boolean): string {
  const { rng, flavors } = ctx;
  if (forceRetired || (ageDays > 200 && rng.chance(0.25))) return flavors.retired.id;
  if (flavors.privateGpu.accessProjectIds.includes(projectId) && rng.chance(0.1)) return flavors.privateGpu.id;
  return pickers.flavor().id;
}

function pickImage(ctx: ServerContext, projectId: string, ageDays: number): string {
  const { rng, images } = ctx;
  if (ageDays > 300 && rng.chance(0.3)) return images.deleted.id;
  const own = images.privateByProject.get(projectId);
  if (own && rng.chance(0.3)) return rng.pick(own).id;
  return rng.pick(images.publicActive).id;
}

/** The team that runs servers of a role, and the cost centre it charges to (chargeback reports group by them). */
const TEAMS: Record<string, [team: string, costCenter: string]> = {
  web: ['web', 'CC-1010'],
  api: ['web', 'CC-1010'],
  proxy: ['web', 'CC-1010'],
  db: ['data', 'CC-2020'],
  etl: ['data', 'CC-2020'],
  cache: ['data', 'CC-2020'],
  batch: ['analytics', 'CC-3030'],
  worker: ['analytics', 'CC-3030'],
  'ci-runner': ['platform', 'CC-4040'],
  'k8s-node': ['platform', 'CC-4040'],
};
/** Shared infrastructure: some servers of every team charge here instead. */
const SHARED_COST_CENTER = 'CC-9000';

/**
 * Nova properties as operators set them for chargeback: `cost_center`, `team` and `env` (and the
 * role). About one server in five carries `team` and `env` but no `cost_center`, so a report grouped
 * by cost centre shows a "(none)" group. The draws are those of earlier versions, so the rest of
 * the generated cloud stays the same for a seed.
 */
function metadataFor(rng: Prng, role: string, i: number): Record<string, string> {
  if (i === 7) return { note: 'a <b>bold</b> & "quoted" value', équipe: 'données' };
  const [team, costCenter] = TEAMS[role] ?? ['platform', 'CC-4040'];
  if (rng.chance(0.2)) return { role, team, env: i % 2 === 0 ? 'dev' : 'staging' };
  const meta: Record<string, string> = { role, team, env: rng.pick(['prod', 'staging', 'dev']), cost_center: costCenter };
  if (rng.chance(0.3) && rng.int(100, 999) % 3 === 0) meta.cost_center = SHARED_COST_CENTER;
  return meta;
}

/** Tags: a plain environment tag, and an `owner=<team>` tag in the `key=value` convention `tag:owner` groups by. */
function tagsFor(rng: Prng, role: string): string[] {
  if (rng.chance(0.4)) return [];
  const tags = new Set([rng.pick(['prod', 'staging', 'dev'])]);
  if (rng.chance(0.4)) tags.add(rng.pick(['pci', 'backup', 'gpu', 'customer-facing']));
  tags.add(`owner=${(TEAMS[role] ?? ['platform'])[0]}`);
  return [...tags];
}

function serverPort(ctx: ServerContext, server: DemoServer, ip: string, mac: string): DemoPort {
  const net = ctx.net.byProject.get(server.projectId)!;
  const up = server.status === 'ACTIVE' || server.status === 'PAUSED' || server.status === 'SUSPENDED';
  return {
    id: ctx.rng.uuid(),
    name: '',
    projectId: server.projectId,
    networkId: net.network.id,
    deviceId: server.id,
    deviceOwner: `compute:${server.availabilityZone || 'nova'}`,
    status: up ? 'ACTIVE' : 'DOWN',
    macAddress: mac,
    fixedIps: [{ subnetId: net.subnet.id, ipAddress: ip }],
    bindingHostId: server.host ?? '',
    createdMs: server.createdMs + 5000,
  };
}

/**
 * One live server. Index-based overrides guarantee the edge cases exist even in a 60-server
 * cloud: a long-idle SHUTOFF server, a boot-from-volume one, one on the deleted flavor, an ERROR
 * server that never launched, special names, and at least one floating IP.
 */
function liveServer(ctx: ServerContext, pickers: Pickers, i: number, projectIndex: number, specialStart: number, out: GeneratedServers): DemoServer {
  const { rng, nowMs } = ctx;
  const project = ctx.projects[projectIndex];
  const status: DemoServerStatus = i < STATUSES.length ? STATUSES[i] : pickers.status();
  const [vmState, powerStateDefault] = VM_STATE[status];
  let ageDays = 3 + 540 * Math.pow(rng.next(), 1.6);
  if (i === 1) ageDays = 300;
  if (i === 3) ageDays = 260;
  const createdMs = Math.floor((nowMs - ageDays * DAY) / 1000) * 1000;
  const neverLaunched = status === 'ERROR' && (i === 4 || rng.chance(0.5));
  const launchedMs = neverLaunched ? null : createdMs + rng.int(15_000, 180_000) + rng.int(0, 999);
  const start = launchedMs ?? createdMs;
  let updatedMs = start + rng.next() * (nowMs - start);
  if (status === 'SHUTOFF' && (i === 1 || rng.chance(0.5))) updatedMs = start + rng.int(1, 10) * DAY;
  if (neverLaunched) updatedMs = createdMs + 5000;
  updatedMs = Math.min(Math.floor(updatedMs / 1000) * 1000, nowMs);

  const scheduled = !neverLaunched;
  const host = scheduled ? rng.pick(ctx.hosts) : null;
  const onHost = status !== 'SHELVED_OFFLOADED' && host !== null;
  const users = ctx.usersByProject.get(project.id) ?? [];
  const role = rng.pick(SERVER_ROLES);
  const special = i - specialStart;
  const name = special >= 0 && special < SPECIAL_SERVER_NAMES.length ? SPECIAL_SERVER_NAMES[special] : `${role}-${String(i + 1).padStart(4, '0')}`;
  const bootFromVolume = !neverLaunched && (i === 2 || (i > 5 && rng.chance(0.15)));

  const server: DemoServer = {
    id: rng.uuid(),
    name,
    projectId: project.id,
    userId: users.length > 0 ? rng.pick(users).id : ctx.projects[0].id,
    status,
    vmState,
    powerState: neverLaunched ? 0 : powerStateDefault,
    flavorId: pickFlavor(ctx, pickers, project.id, ageDays, i === 3),
    imageId: bootFromVolume ? null : pickImage(ctx, project.id, ageDays),
    availabilityZone: host?.availabilityZone ?? '',
    host: onHost ? host.name : null,
    hypervisorHostname: onHost ? host.hypervisorHostname : null,
    instanceName: `instance-${(i + 1).toString(16).padStart(8, '0')}`,
    reservationId: `r-${rng.hex(8)}`,
    addresses: [],
    metadata: metadataFor(rng, role, i),
    tags: tagsFor(rng, role),
    description: rng.chance(0.3) ? `${role} server` : null,
    keyName: rng.chance(0.6) ? 'demo-key' : null,
    locked: false,
    lockedReason: null,
    createdMs,
    updatedMs,
    launchedMs,
    terminatedMs: null,
    deleted: false,
    volumeIds: [],
    portId: null,
    fault:
      status === 'ERROR'
        ? {
            code: 500,
            message: neverLaunched ? 'No valid host was found. There are not enough hosts available.' : 'Unexpected error while rebooting the instance.',
            createdMs: updatedMs,
          }
        : null,
  };
  if (rng.chance(0.03)) {
    server.locked = true;
    server.lockedReason = 'maintenance window';
  }
  if (scheduled) {
    const ip = ctx.net.allocateFixed(project.id);
    const mac = macAddress(rng);
    const port = serverPort(ctx, server, ip, mac);
    server.portId = port.id;
    out.ports.push(port);
    server.addresses.push({ networkName: 'private', addr: ip, version: 4, type: 'fixed', mac });
    if (i === 0 || (status !== 'ERROR' && rng.chance(0.25))) {
      const fip = floatingIp(ctx, project.id, createdMs + 60_000);
      Object.assign(fip, {
        portId: port.id,
        fixedIpAddress: ip,
        routerId: ctx.net.byProject.get(project.id)!.router.id,
        serverId: server.id,
        status: 'ACTIVE',
      });
      out.floatingIps.push(fip);
      server.addresses.push({ networkName: 'private', addr: fip.address, version: 4, type: 'floating', mac });
    }
  }
  return server;
}

function floatingIp(ctx: ServerContext, projectId: string, createdMs: number): DemoFloatingIp {
  return {
    id: ctx.rng.uuid(),
    address: ctx.net.allocateFloating(),
    projectId,
    status: 'DOWN',
    portId: null,
    fixedIpAddress: null,
    routerId: null,
    floatingNetworkId: ctx.net.publicNetwork.id,
    serverId: null,
    description: '',
    createdMs,
    updatedMs: createdMs + 2000,
  };
}

/** A server deleted in the past: invisible to `servers/detail`, still billed for its lifetime. */
function deletedServer(ctx: ServerContext, pickers: Pickers, i: number, projectIndex: number): DemoServer {
  const { rng, nowMs } = ctx;
  const project = ctx.projects[projectIndex];
  const recent = rng.chance(0.2);
  const ageDays = recent ? rng.int(2, 25) : rng.int(30, 420);
  const createdMs = Math.floor((nowMs - ageDays * DAY - rng.int(0, 86_399) * 1000) / 1000) * 1000;
  const launchedMs = createdMs + rng.int(20_000, 90_000) + rng.int(0, 999);
  const lifeMs = recent ? rng.next() * (ageDays - 1) * DAY : rng.int(1, 150) * DAY + rng.int(0, 86_399) * 1000;
  const terminatedMs = Math.floor(Math.min(launchedMs + lifeMs, nowMs - 2 * HOUR) / 1000) * 1000;
  const host = rng.pick(ctx.hosts);
  const users = ctx.usersByProject.get(project.id) ?? [];
  const role = rng.pick(SERVER_ROLES);
  return {
    id: rng.uuid(),
    name: `${role}-old-${String(i + 1).padStart(4, '0')}`,
    projectId: project.id,
    userId: users.length > 0 ? rng.pick(users).id : ctx.projects[0].id,
    status: 'DELETED',
    vmState: 'deleted',
    powerState: 0,
    flavorId: pickFlavor(ctx, pickers, project.id, ageDays, false),
    imageId: rng.pick(ctx.images.publicActive).id,
    availabilityZone: host.availabilityZone,
    host: host.name,
    hypervisorHostname: host.hypervisorHostname,
    instanceName: `instance-${(0x100000 + i).toString(16).padStart(8, '0')}`,
    reservationId: `r-${rng.hex(8)}`,
    addresses: [],
    metadata: {},
    tags: [],
    description: null,
    keyName: null,
    locked: false,
    lockedReason: null,
    createdMs,
    updatedMs: terminatedMs,
    launchedMs,
    terminatedMs,
    deleted: true,
    volumeIds: [],
    portId: null,
    fault: null,
  };
}

/** Live servers (`count` of them), then deleted ones (about 8% more), then spare floating IPs. */
export function generateServers(ctx: ServerContext, projectOf: number[]): GeneratedServers {
  const out: GeneratedServers = { servers: [], ports: [], floatingIps: [] };
  const count = projectOf.length;
  const specialStart = Math.min(ctx.projects.length, Math.max(0, count - SPECIAL_SERVER_NAMES.length));
  // Both `duplicate-name` servers go to the member project, so a lookup by name is ambiguous there.
  SPECIAL_SERVER_NAMES.forEach((name, k) => {
    if (name === 'duplicate-name' && specialStart + k < count) projectOf[specialStart + k] = Math.min(1, ctx.projects.length - 1);
  });
  const pickers: Pickers = {
    flavor: ctx.rng.weightedPicker(ctx.flavors.common, ctx.flavors.commonWeights),
    status: ctx.rng.weightedPicker(STATUSES, STATUS_WEIGHTS),
  };
  projectOf.forEach((k, i) => out.servers.push(liveServer(ctx, pickers, i, k, specialStart, out)));

  const indexes = ctx.projects.map((_, k) => k);
  const deletedCount = Math.max(3, Math.round(count * 0.08));
  for (let i = 0; i < deletedCount; i++) out.servers.push(deletedServer(ctx, pickers, i, ctx.rng.pick(indexes)));

  const spare = Math.max(2, Math.round(count * 0.03));
  for (let i = 0; i < spare; i++) {
    const project = ctx.projects[i < 2 ? Math.min(i + 1, ctx.projects.length - 1) : ctx.rng.pick(indexes)];
    out.floatingIps.push(floatingIp(ctx, project.id, ctx.nowMs - ctx.rng.int(1, 400) * DAY));
  }
  return out;
}
