/**
 * A sample usage view model, read from the sample cloud: last month's usage per server as Nova's
 * os-simple-tenant-usage counts it (hours the server existed in the period, in the states Nova
 * reports), totals per project, and quota use, including quotas exceeded (an operator lowered the
 * limit) and a project without limits. For previews and template tests.
 */
import { addSampleChargeback, monthToDate } from '../chargeback/sample';
import type { ServerUsage } from '../../domain/cloud';
import type { QuotaRow, ReportData, ServerUsageRow } from '../../report-engine/report-data';
import { lastMonth, round2, sampleContext, sampleFrame, type SampleContext, type SampleOptions } from '../sample-report';

/** Nova's vm_state of a server, from its status, as os-simple-tenant-usage reports it. */
const vmStates: Record<string, string> = { ACTIVE: 'active', SHUTOFF: 'stopped', PAUSED: 'paused', ERROR: 'error', SHELVED_OFFLOADED: 'shelved_offloaded' };

/** The usage lines of the sample cloud's servers over `period`, deleted servers included. */
export function sampleUsageLines(c: SampleContext, period: { start: Date; end: Date }): (ServerUsage & { projectId: string })[] {
  const hours = (from: number, to: number) =>
    Math.max(0, Math.min(to, period.end.getTime(), c.now.getTime()) - Math.max(from, period.start.getTime())) / 3_600_000;
  const lines: (ServerUsage & { projectId: string })[] = [];
  for (const s of c.cloud.servers) {
    if (s.partial || !s.flavor) continue;
    const h = hours(Date.parse(s.created), Number.POSITIVE_INFINITY);
    if (h <= 0) continue;
    lines.push({
      instanceId: s.id,
      name: s.name,
      projectId: s.projectId,
      flavor: s.flavor.name,
      vcpus: s.flavor.vcpus,
      memoryMb: s.flavor.ramMb,
      localGb: s.flavor.diskGb + s.flavor.ephemeralGb,
      hours: h,
      startedAt: s.created,
      endedAt: null,
      state: vmStates[s.status] ?? s.status.toLowerCase(),
    });
  }
  for (const d of c.cloud.deleted) {
    const h = hours(Date.parse(d.created), Date.parse(d.ended));
    if (h > 0) lines.push({ ...d.line, hours: h });
  }
  return lines;
}

/** A typed usage `ReportData` of the sample cloud over the previous month (UTC). */
export function sampleUsageData(options: SampleOptions = {}): ReportData {
  const c = sampleContext(options);
  const data = sampleFrame('usage', c);
  const period = options.monthToDate ? monthToDate(c.now) : lastMonth(c.now);
  data.period = {
    start: period.start.toISOString(),
    end: period.end.toISOString(),
    preset: options.monthToDate ? 'month-to-date' : 'last-month',
    hours: String((period.end.getTime() - period.start.getTime()) / 3_600_000),
  };
  const lines = sampleUsageLines(c, period);
  const servers: ServerUsageRow[] = lines
    .map((l) => ({
      projectId: l.projectId,
      projectName: c.names.get(l.projectId) ?? l.projectId,
      id: l.instanceId,
      name: l.name,
      flavor: l.flavor,
      vcpus: l.vcpus,
      ramMb: l.memoryMb,
      diskGb: l.localGb,
      hours: round2(l.hours),
      vcpuHours: round2(l.hours * l.vcpus),
      ramGbHours: round2((l.hours * l.memoryMb) / 1024),
      diskGbHours: round2(l.hours * l.localGb),
      state: l.state,
      startedAt: l.startedAt,
      endedAt: l.endedAt,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, c.locale) || a.id.localeCompare(b.id));
  const sum = (rows: { vcpuHours: number; ramGbHours: number; diskGbHours: number }[]) => ({
    vcpuHours: round2(rows.reduce((n, r) => n + r.vcpuHours, 0)),
    ramGbHours: round2(rows.reduce((n, r) => n + r.ramGbHours, 0)),
    diskGbHours: round2(rows.reduce((n, r) => n + r.diskGbHours, 0)),
  });
  const byProject = c.projectIds.map((projectId) => {
    const mine = servers.filter((s) => s.projectId === projectId);
    const nova = lines.filter((l) => l.projectId === projectId);
    return {
      projectId,
      projectName: c.names.get(projectId) ?? projectId,
      servers: mine.length,
      ...sum(mine),
      volumeGb: c.cloud.volumes.filter((v) => v.projectId === projectId).reduce((n, v) => n + v.sizeGb, 0),
      reported: {
        vcpuHours: nova.reduce((n, l) => n + l.hours * l.vcpus, 0),
        ramGbHours: nova.reduce((n, l) => n + (l.hours * l.memoryMb) / 1024, 0),
        diskGbHours: nova.reduce((n, l) => n + l.hours * l.localGb, 0),
      },
    };
  });
  data.usage = {
    servers,
    byProject,
    totals: {
      servers: servers.length,
      ...sum(byProject),
      volumeGb: byProject.reduce((n, p) => n + p.volumeGb, 0),
    },
    quotas: sampleQuotas(c),
  };
  const deleted = lines.filter((l) => l.endedAt !== null).length;
  if (deleted > 0) data.notes.push({ code: 'usageWithoutInventory', count: deleted });
  if (options.chargeback) addSampleChargeback(data, c, period, options.monthToDate === true);
  return data;
}

/**
 * Quotas as the sample cloud sets them, except that the first project over its vCPU quota and the
 * second over its RAM quota (limits lowered below use, which Nova allows), and the last project has
 * no limits at all (-1 everywhere).
 */
function sampleQuotas(c: SampleContext): QuotaRow[] {
  const used = c.projectIds.filter((id) => c.cloud.servers.some((s) => s.projectId === id && !s.partial));
  return c.projectIds.map((projectId) => {
    const mine = c.cloud.servers.filter((s) => s.projectId === projectId && !s.partial);
    const vols = c.cloud.volumes.filter((v) => v.projectId === projectId);
    const instances = Math.max(10, Math.ceil((mine.length * 1.25) / 10) * 10);
    const inUse = {
      instances: mine.length,
      cores: mine.reduce((n, s) => n + (s.flavor?.vcpus ?? 0), 0),
      ram: mine.reduce((n, s) => n + (s.flavor?.ramMb ?? 0), 0),
      volumes: vols.length,
      gigabytes: vols.reduce((n, v) => n + v.sizeGb, 0),
      floatingIps: c.cloud.floatingIps.filter((f) => f.projectId === projectId).length,
    };
    const unlimited = projectId === c.projectIds.at(-1) && c.projectIds.length > 2;
    const limits: Record<keyof typeof inUse, number> = {
      instances,
      cores: projectId === used[0] ? Math.ceil(inUse.cores / 1.14) : instances * 4,
      ram: projectId === used[1] ? Math.ceil(inUse.ram / 1.33 / 1024) * 1024 : instances * 8192,
      volumes: -1,
      gigabytes: 10_000,
      floatingIps: 50,
    };
    return {
      projectId,
      projectName: c.names.get(projectId) ?? projectId,
      resources: (Object.keys(inUse) as (keyof typeof inUse)[]).map((resource) => {
        const limit = unlimited || limits[resource] < 0 ? null : limits[resource];
        const percent = limit === null ? null : limit === 0 ? (inUse[resource] > 0 ? 100 : 0) : Math.round((inUse[resource] / limit) * 1000) / 10;
        return { resource, inUse: inUse[resource], limit, percent };
      }),
    };
  });
}
