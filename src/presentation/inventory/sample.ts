/**
 * A sample inventory view model, read from the sample cloud: every server, volume and floating IP
 * with list-price monthly costs, totals by project, status and flavor, and waste. For previews
 * (scripts/preview-reports.ts) and template tests; no cloud and no report engine involved.
 */
import type { ProjectInventory, ReportData, ServerRow } from '../../report-engine/report-data';
import { computeRate, floatingIpRate, money, sampleContext, sampleFrame, sampleWaste, sumMoney, volumeRate, type SampleOptions } from '../sample-report';

const powerStateNames: Record<number, string> = { 0: 'noState', 1: 'running', 3: 'paused', 4: 'shutdown', 6: 'crashed', 7: 'suspended' };

/** A typed inventory `ReportData` of the sample cloud (240 servers in 9 projects by default). */
export function sampleInventoryData(options: SampleOptions = {}): ReportData {
  const c = sampleContext(options);
  const { cloud } = c;
  const data = sampleFrame('inventory', c);
  const projectName = (id: string | undefined) => c.names.get(id ?? '') ?? id ?? '';
  const images = new Map(cloud.images.map((i) => [i.id, i.name]));
  const serverNames = new Map(cloud.servers.map((s) => [s.id, s.name || s.id]));
  const portDevice = new Map(cloud.ports.map((p) => [p.id, p.deviceId]));
  const monthly = new Map<string, string>();

  const servers = [...cloud.servers].sort((a, b) => a.name.localeCompare(b.name, c.locale) || a.id.localeCompare(b.id));
  const rows: ServerRow[] = servers.map((s) => {
    const cost = s.flavor ? money(computeRate({ ...s.flavor, diskGb: s.flavor.diskGb + s.flavor.ephemeralGb }).perHour * 730) : '0.00';
    monthly.set(s.id, cost);
    return {
      projectId: s.projectId,
      projectName: projectName(s.projectId),
      id: s.id,
      name: s.name,
      status: s.status,
      powerState: s.powerState === undefined ? null : (powerStateNames[s.powerState] ?? 'noState'),
      flavor: s.flavor?.name ?? null,
      vcpus: s.flavor?.vcpus ?? 0,
      ramMb: s.flavor?.ramMb ?? 0,
      diskGb: s.flavor?.diskGb ?? 0,
      fixedIps: s.addresses.filter((a) => a.type === 'fixed').map((a) => a.addr),
      floatingIps: s.addresses.filter((a) => a.type === 'floating').map((a) => a.addr),
      volumes: cloud.volumes
        .filter((v) => v.attachments.some((a) => a.serverId === s.id))
        .map((v) => ({ id: v.id, name: v.name, sizeGb: v.sizeGb, volumeType: v.volumeType ?? null })),
      imageId: s.imageId,
      imageName: s.imageId === null ? null : (images.get(s.imageId) ?? null),
      availabilityZone: s.availabilityZone ?? null,
      host: s.host ?? null,
      created: s.created,
      updated: s.updated ?? null,
      metadata: {},
      tags: s.tags,
      partial: s.partial,
      monthlyCost: cost,
    };
  });
  const volumes = cloud.volumes.map((v) => {
    const cost = money(volumeRate(v.sizeGb) * 730);
    monthly.set(v.id, cost);
    return {
      projectId: v.projectId ?? '',
      projectName: projectName(v.projectId),
      id: v.id,
      name: v.name,
      sizeGb: v.sizeGb,
      volumeType: v.volumeType ?? null,
      status: v.status,
      bootable: v.bootable,
      attachedTo: v.attachments.map((a) => serverNames.get(a.serverId) ?? a.serverId),
      attachedServerIds: v.attachments.map((a) => a.serverId),
      createdAt: v.createdAt,
      monthlyCost: cost,
    };
  });
  const floatingIps = cloud.floatingIps.map((f) => {
    const cost = money(floatingIpRate * 730);
    monthly.set(f.id, cost);
    const serverId = f.portId ? (portDevice.get(f.portId) ?? null) : null;
    return {
      projectId: f.projectId,
      projectName: projectName(f.projectId),
      id: f.id,
      address: f.address,
      status: f.status,
      fixedIpAddress: f.fixedIpAddress,
      server: serverId ? (serverNames.get(serverId) ?? serverId) : null,
      serverId,
      portId: f.portId,
      createdAt: f.createdAt ?? null,
      monthlyCost: cost,
    };
  });

  const byProject: ProjectInventory[] = c.projectIds.map((projectId) => {
    const mine = rows.filter((r) => r.projectId === projectId);
    const vols = volumes.filter((v) => v.projectId === projectId);
    const ips = floatingIps.filter((f) => f.projectId === projectId);
    return {
      projectId,
      projectName: projectName(projectId),
      ...sums(mine),
      active: mine.filter((r) => r.status === 'ACTIVE').length,
      shutoff: mine.filter((r) => r.status === 'SHUTOFF').length,
      partial: mine.filter((r) => r.partial).length,
      volumes: vols.length,
      volumeGb: vols.reduce((n, v) => n + v.sizeGb, 0),
      floatingIps: ips.length,
      monthlyCost: sumMoney([...mine.map((r) => r.monthlyCost), ...vols.map((v) => v.monthlyCost), ...ips.map((f) => f.monthlyCost)]),
    };
  });
  const total = <K extends keyof ProjectInventory>(key: K) => byProject.reduce((n, p) => n + (p[key] as number), 0);
  const groups = <K extends 'status' | 'flavor'>(key: K, of: (r: ServerRow) => string) =>
    [...new Set(rows.map(of))]
      .map((value) => ({ [key]: value, ...sums(rows.filter((r) => of(r) === value)) }) as { [P in K]: string } & ReturnType<typeof sums>)
      .sort((a, b) => b.servers - a.servers || (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));

  data.inventory = {
    servers: rows,
    volumes,
    floatingIps,
    byProject,
    byStatus: groups('status', (r) => r.status),
    byFlavor: groups('flavor', (r) => r.flavor ?? ''),
    totals: {
      servers: total('servers'),
      vcpus: total('vcpus'),
      ramMb: total('ramMb'),
      diskGb: total('diskGb'),
      active: total('active'),
      shutoff: total('shutoff'),
      partial: total('partial'),
      volumes: total('volumes'),
      volumeGb: total('volumeGb'),
      floatingIps: total('floatingIps'),
      monthlyCost: sumMoney(byProject.map((p) => p.monthlyCost)),
    },
  };
  data.waste = sampleWaste(c, servers, 'month', (_kind, id) => monthly.get(id));
  const partial = rows.filter((r) => r.partial).length;
  if (partial > 0) data.notes.push({ code: 'partialServers', count: partial });
  return data;
}

function sums(rows: ServerRow[]) {
  return {
    servers: rows.length,
    vcpus: rows.reduce((n, r) => n + r.vcpus, 0),
    ramMb: rows.reduce((n, r) => n + r.ramMb, 0),
    diskGb: rows.reduce((n, r) => n + r.diskGb, 0),
  };
}
