import type { ProjectQuota, ProjectUsage, QuotaLine, Server, ServerUsage, Volume } from '../domain/cloud';
import { ownMetadata } from '../domain/free-record';
import { Dec, round2, sum2 } from './money';
import type { FilterableServer } from './filter-servers';
import type { ProjectNames } from './project-names';
import type { ProjectUsageRow, QuotaResource, QuotaRow, ServerUsageRow, UsageSection } from './report-data';

export interface UsageInputs {
  usage: ProjectUsage[];
  /** Current servers in scope, to filter usage lines by the fields Nova's usage lacks. */
  servers: Server[];
  volumes: Volume[];
  quotas: ProjectQuota[];
  projectIds: string[];
  names: ProjectNames;
  keep: (s: FilterableServer) => boolean;
}

/**
 * The filter view of a usage line: a server that still exists is filtered by its current record;
 * a deleted one by what Nova's usage says (name, flavor, state), so tag or metadata filters drop it.
 */
export function filterableUsage(line: ServerUsage, current: Server | undefined): FilterableServer {
  if (current) {
    return {
      name: current.name,
      status: current.status,
      flavor: current.flavor?.name ?? line.flavor,
      metadata: current.metadata,
      tags: current.tags,
      availabilityZone: current.availabilityZone ?? null,
    };
  }
  return { name: line.name, status: line.endedAt ? 'DELETED' : line.state.toUpperCase(), flavor: line.flavor, metadata: {}, tags: [], availabilityZone: null };
}

/** The usage lines the spec's filters keep, each with its project (a line may leave its own empty). */
export function keptUsageLines(usage: readonly ProjectUsage[], servers: ReadonlyMap<string, Server>, keep: (s: FilterableServer) => boolean): ServerUsage[] {
  return usage
    .flatMap((p) => p.servers.map((s) => ({ ...s, projectId: s.projectId || p.projectId })))
    .filter((u) => keep(filterableUsage(u, servers.get(u.instanceId))));
}

/** One server's usage: Nova's hours times the flavor's size, rounded to two decimals per line. */
export function serverUsageRow(line: ServerUsage, ref: { projectId: string; projectName: string }): ServerUsageRow {
  const hours = new Dec(line.hours);
  return {
    projectId: ref.projectId,
    projectName: ref.projectName,
    id: line.instanceId,
    name: line.name,
    flavor: line.flavor,
    vcpus: line.vcpus,
    ramMb: line.memoryMb,
    diskGb: line.localGb,
    hours: round2(hours),
    vcpuHours: round2(hours.times(line.vcpus)),
    ramGbHours: round2(hours.times(line.memoryMb).div(1024)),
    diskGbHours: round2(hours.times(line.localGb)),
    state: line.state,
    startedAt: line.startedAt,
    endedAt: line.endedAt,
  };
}

/** Builds per-server and per-project usage, and quota use, from os-simple-tenant-usage and quotas. */
export function buildUsage(input: UsageInputs): UsageSection {
  const current = new Map(input.servers.map((s) => [s.id, s]));
  const servers: ServerUsageRow[] = [];
  const reported = new Map<string, ProjectUsage>();
  for (const project of input.usage) {
    reported.set(project.projectId, project);
    for (const line of project.servers) {
      if (!input.keep(filterableUsage(line, current.get(line.instanceId)))) continue;
      const row = serverUsageRow(line, input.names.ref(line.projectId || project.projectId));
      // Exports carry every property; a server deleted before the run has none that Nova's usage keeps.
      const server = current.get(line.instanceId);
      row.metadata = ownMetadata(server?.metadata);
      row.tags = server ? [...server.tags] : [];
      servers.push(row);
    }
  }
  const volumeGb = new Map<string, number>();
  for (const v of input.volumes) {
    const id = input.names.ref(v.projectId).projectId;
    volumeGb.set(id, (volumeGb.get(id) ?? 0) + v.sizeGb);
  }
  const rowsOf = new Map<string, ServerUsageRow[]>();
  for (const row of servers) {
    const list = rowsOf.get(row.projectId);
    if (list) list.push(row);
    else rowsOf.set(row.projectId, [row]);
  }
  const byProject: ProjectUsageRow[] = input.projectIds.map((projectId) => {
    const rows = rowsOf.get(projectId) ?? [];
    const nova = reported.get(projectId);
    return {
      ...input.names.ref(projectId),
      servers: rows.length,
      vcpuHours: sum2(rows.map((r) => r.vcpuHours)),
      ramGbHours: sum2(rows.map((r) => r.ramGbHours)),
      diskGbHours: sum2(rows.map((r) => r.diskGbHours)),
      volumeGb: volumeGb.get(projectId) ?? 0,
      reported: {
        vcpuHours: nova?.vcpuHours ?? 0,
        ramGbHours: (nova?.memoryMbHours ?? 0) / 1024,
        diskGbHours: nova?.diskGbHours ?? 0,
      },
    };
  });
  const totals = {
    servers: byProject.reduce((n, p) => n + p.servers, 0),
    vcpuHours: sum2(byProject.map((p) => p.vcpuHours)),
    ramGbHours: sum2(byProject.map((p) => p.ramGbHours)),
    diskGbHours: sum2(byProject.map((p) => p.diskGbHours)),
    volumeGb: byProject.reduce((n, p) => n + p.volumeGb, 0),
  };
  const quotas = new Map(input.quotas.map((q) => [q.projectId, q]));
  return {
    servers,
    byProject,
    totals,
    quotas: input.projectIds.flatMap((id) => {
      const q = quotas.get(id);
      return q ? [quotaRow(q, input.names.ref(id))] : [];
    }),
  };
}

/** Where each quota lives: service and resource name as the cloud reports them. */
const quotaSources: [QuotaResource, 'compute' | 'volume' | 'network', string][] = [
  ['instances', 'compute', 'instances'],
  ['cores', 'compute', 'cores'],
  ['ram', 'compute', 'ram'],
  ['volumes', 'volume', 'volumes'],
  ['gigabytes', 'volume', 'gigabytes'],
  ['floatingIps', 'network', 'floatingip'],
];

function quotaRow(q: ProjectQuota, ref: { projectId: string; projectName: string }): QuotaRow {
  const resources: QuotaRow['resources'] = [];
  for (const [resource, service, key] of quotaSources) {
    const line: QuotaLine | undefined = q[service][key];
    if (!line) continue;
    const limit = line.limit < 0 ? null : line.limit;
    const percent = limit === null ? null : limit === 0 ? (line.inUse > 0 ? 100 : 0) : new Dec(line.inUse).div(limit).times(100).toDecimalPlaces(1).toNumber();
    resources.push({ resource, inUse: line.inUse, limit, percent });
  }
  return { ...ref, resources };
}
