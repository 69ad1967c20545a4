import type { FloatingIp, Image, Port, Server, Volume } from '../domain/cloud';
import { ownMetadata } from '../domain/free-record';
import type { PriceList } from '../domain/price-list';
import { Dec, hoursPerMonth, moneyString, sumMoney } from './money';
import { powerStateName } from './power-state';
import { computeRate, floatingIpRate, volumeRate } from './pricing';
import type { ProjectNames } from './project-names';
import type { FloatingIpRow, InventorySection, ProjectInventory, ServerRow, VolumeRow } from './report-data';

export interface InventoryInputs {
  /** The servers the report lists (scope and filters applied). */
  servers: Server[];
  /** Every server in scope, to name the attachments of volumes and floating IPs. */
  allServers: Server[];
  volumes: Volume[];
  floatingIps: FloatingIp[];
  ports: Port[];
  images: Image[];
  /** Projects in the report, in display order. */
  projectIds: string[];
  names: ProjectNames;
  metadataKeys: string[];
  priceList?: PriceList;
}

/** A month (730 h) of an hourly rate, as printed. */
const monthly = (perHour: Dec) => moneyString(perHour.times(hoursPerMonth));

/** Builds the server, volume and floating IP rows and their totals by project, status and flavor. */
export function buildInventory(input: InventoryInputs): InventorySection {
  const { names, priceList } = input;
  const images = new Map(input.images.map((i) => [i.id, i.name]));
  const serverNames = new Map(input.allServers.map((s) => [s.id, s.name || s.id]));
  const portDevice = new Map(input.ports.map((p) => [p.id, p.deviceId]));
  // Floating IPs Nova does not list in `addresses` (e.g. just associated) still belong to the server.
  const floatingByServer = new Map<string, string[]>();
  for (const fip of input.floatingIps) {
    const device = fip.portId ? portDevice.get(fip.portId) : undefined;
    if (device) floatingByServer.set(device, [...(floatingByServer.get(device) ?? []), fip.address]);
  }

  // Prices depend on the flavor (or size) only: computed once each, not per server (decimal.js is slow).
  const flavorMonthly = new Map<string, string>();
  const serverMonthly = (f: NonNullable<Server['flavor']>) => {
    const key = `${f.name}|${f.vcpus}|${f.ramMb}|${f.diskGb}|${f.ephemeralGb}`;
    let cost = flavorMonthly.get(key);
    if (cost === undefined && priceList) {
      cost = monthly(computeRate(priceList, { name: f.name, vcpus: f.vcpus, ramMb: f.ramMb, diskGb: f.diskGb + f.ephemeralGb }).perHour);
      flavorMonthly.set(key, cost);
    }
    return cost;
  };
  const sizeMonthly = new Map<number, string>();
  const volumeMonthly = (sizeGb: number) => {
    let cost = sizeMonthly.get(sizeGb);
    if (cost === undefined && priceList) sizeMonthly.set(sizeGb, (cost = monthly(volumeRate(priceList, sizeGb))));
    return cost;
  };
  const ipMonthly = priceList ? monthly(floatingIpRate(priceList)) : undefined;

  const volumesByServer = new Map<string, ServerRow['volumes']>();
  for (const v of input.volumes) {
    for (const a of v.attachments) {
      const list = volumesByServer.get(a.serverId) ?? [];
      list.push({ id: v.id, name: v.name, sizeGb: v.sizeGb, volumeType: v.volumeType ?? null });
      volumesByServer.set(a.serverId, list);
    }
  }

  const servers: ServerRow[] = input.servers.map((s) => {
    const floating = new Set(s.addresses.filter((a) => a.type === 'floating').map((a) => a.addr));
    for (const addr of floatingByServer.get(s.id) ?? []) floating.add(addr);
    // Every property (the PDF shows `metadataKeys` only); own keys, defined rather than assigned: a key may be `constructor` or `__proto__`.
    const metadata = ownMetadata(s.metadata);
    // Plain properties, no spread: V8 builds a 20-field literal after a spread an order of magnitude slower.
    const ref = names.ref(s.projectId);
    const row: ServerRow = {
      projectId: ref.projectId,
      projectName: ref.projectName,
      id: s.id,
      name: s.name,
      status: s.status,
      powerState: powerStateName(s.powerState),
      flavor: s.flavor?.name ?? null,
      vcpus: s.flavor?.vcpus ?? 0,
      ramMb: s.flavor?.ramMb ?? 0,
      diskGb: s.flavor?.diskGb ?? 0,
      fixedIps: s.addresses.filter((a) => a.type === 'fixed').map((a) => a.addr),
      floatingIps: [...floating],
      volumes: volumesByServer.get(s.id) ?? [],
      imageId: s.imageId,
      imageName: s.imageId ? (images.get(s.imageId) ?? null) : null,
      availabilityZone: s.availabilityZone ?? null,
      host: s.host ?? s.hypervisorHostname ?? null,
      created: s.created,
      updated: s.updated ?? null,
      metadata,
      tags: s.tags,
      partial: s.partial,
    };
    if (priceList) row.monthlyCost = s.flavor ? serverMonthly(s.flavor) : '0.00';
    return row;
  });

  const volumes: VolumeRow[] = input.volumes.map((v) => ({
    projectId: names.ref(v.projectId).projectId,
    projectName: names.ref(v.projectId).projectName,
    id: v.id,
    name: v.name,
    sizeGb: v.sizeGb,
    volumeType: v.volumeType ?? null,
    status: v.status,
    bootable: v.bootable,
    attachedTo: v.attachments.map((a) => serverNames.get(a.serverId) ?? a.serverId),
    attachedServerIds: v.attachments.map((a) => a.serverId),
    createdAt: v.createdAt,
    monthlyCost: volumeMonthly(v.sizeGb),
  }));

  const floatingIps: FloatingIpRow[] = input.floatingIps.map((f) => {
    const device = f.portId ? portDevice.get(f.portId) : undefined;
    const ref = names.ref(f.projectId);
    return {
      projectId: ref.projectId,
      projectName: ref.projectName,
      id: f.id,
      address: f.address,
      status: f.status,
      fixedIpAddress: f.fixedIpAddress,
      server: device ? (serverNames.get(device) ?? device) : null,
      serverId: device && serverNames.has(device) ? device : null,
      portId: f.portId,
      createdAt: f.createdAt ?? null,
      monthlyCost: ipMonthly,
    };
  });

  const serversOf = groupBy(servers);
  const volumesOf = groupBy(volumes);
  const ipsOf = groupBy(floatingIps);
  const byProject = input.projectIds.map((projectId) =>
    projectTotals(names.ref(projectId), serversOf.get(projectId) ?? [], volumesOf.get(projectId) ?? [], ipsOf.get(projectId) ?? [], Boolean(priceList)),
  );
  const sumField = (key: 'servers' | 'vcpus' | 'ramMb' | 'diskGb' | 'active' | 'shutoff' | 'partial' | 'volumes' | 'volumeGb' | 'floatingIps') =>
    byProject.reduce((sum, p) => sum + p[key], 0);
  const totals: InventorySection['totals'] = {
    servers: sumField('servers'),
    vcpus: sumField('vcpus'),
    ramMb: sumField('ramMb'),
    diskGb: sumField('diskGb'),
    active: sumField('active'),
    shutoff: sumField('shutoff'),
    partial: sumField('partial'),
    volumes: sumField('volumes'),
    volumeGb: sumField('volumeGb'),
    floatingIps: sumField('floatingIps'),
    ...(priceList ? { monthlyCost: sumMoney(byProject.map((p) => p.monthlyCost)).toFixed(2) } : {}),
  };

  return {
    servers,
    volumes,
    floatingIps,
    byProject,
    byStatus: groupTotals(servers, (s) => s.status).map(([status, t]) => ({ status, ...t })),
    byFlavor: groupTotals(servers, (s) => s.flavor ?? '').map(([flavor, t]) => ({ flavor, ...t })),
    totals,
  };
}

function groupBy<T extends { projectId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(row.projectId);
    if (list) list.push(row);
    else groups.set(row.projectId, [row]);
  }
  return groups;
}

function projectTotals(
  ref: { projectId: string; projectName: string },
  servers: ServerRow[],
  volumes: VolumeRow[],
  floatingIps: FloatingIpRow[],
  priced: boolean,
): ProjectInventory {
  const row: ProjectInventory = {
    ...ref,
    servers: servers.length,
    vcpus: servers.reduce((n, s) => n + s.vcpus, 0),
    ramMb: servers.reduce((n, s) => n + s.ramMb, 0),
    diskGb: servers.reduce((n, s) => n + s.diskGb, 0),
    active: servers.filter((s) => s.status === 'ACTIVE').length,
    shutoff: servers.filter((s) => s.status === 'SHUTOFF').length,
    partial: servers.filter((s) => s.partial).length,
    volumes: volumes.length,
    volumeGb: volumes.reduce((n, v) => n + v.sizeGb, 0),
    floatingIps: floatingIps.length,
  };
  if (priced) {
    row.monthlyCost = sumMoney([...servers, ...volumes, ...floatingIps].map((r) => r.monthlyCost)).toFixed(2);
  }
  return row;
}

/** Counts and sums servers by a key, largest group first (then by key). */
function groupTotals(servers: ServerRow[], key: (s: ServerRow) => string) {
  const groups = new Map<string, { servers: number; vcpus: number; ramMb: number; diskGb: number }>();
  for (const s of servers) {
    const k = key(s);
    const g = groups.get(k) ?? { servers: 0, vcpus: 0, ramMb: 0, diskGb: 0 };
    g.servers += 1;
    g.vcpus += s.vcpus;
    g.ramMb += s.ramMb;
    g.diskGb += s.diskGb;
    groups.set(k, g);
  }
  return [...groups].sort((a, b) => b[1].servers - a[1].servers || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
