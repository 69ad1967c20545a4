/**
 * Nova's os-simple-tenant-usage, computed the way nova/api/openstack/compute/simple_tenant_usage.py
 * does: instances active in the window, ordered by (project_id, uuid) and paged by instance, hours
 * from launch (or period start) to termination (or period stop, clamped to now).
 */
import type { CloudContext } from './context';
import { parseLimit } from './context';
import type { DemoServer } from './data';
import { serviceError } from './errors';
import { json, naiveMicro, type DemoRequest, type DemoResponse } from './http';
import { atLeast, type ApiVersion } from './microversion';
import { novaNextLink } from './nova-servers';
import { emptyList } from './store';

const novaError = (status: number, message: string): DemoResponse => serviceError('compute', status, message);

/**
 * Nova accepts exactly these strptime formats, read as UTC; anything else (a trailing `Z`
 * included) is a 400.
 */
export function parseNovaDatetime(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/.exec(value);
  if (!match) return null;
  if (value[10] === ' ' && match[7] === undefined) return null;
  const [, y, mo, d, h, mi, s, frac] = match;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, frac ? Math.floor(Number(frac.padEnd(6, '0')) / 1000) : 0);
  return Number.isNaN(ms) ? null : ms;
}

/** Hours of `server` inside [start, stop], as Nova's `_hours_for`. */
export function hoursFor(server: Pick<DemoServer, 'launchedMs' | 'terminatedMs'>, start: number, stop: number): number {
  const { launchedMs, terminatedMs } = server;
  if (terminatedMs !== null && terminatedMs < start) return 0;
  if (launchedMs === null || launchedMs > stop) return 0;
  const from = Math.max(launchedMs, start);
  const to = terminatedMs !== null ? Math.min(stop, terminatedMs) : stop;
  return (to - from) / 3_600_000;
}

interface TenantSummary {
  tenant_id: string;
  server_usages?: Record<string, unknown>[];
  total_local_gb_usage: number;
  total_vcpus_usage: number;
  total_memory_mb_usage: number;
  total_hours: number;
  start: string;
  stop: string;
}

function summarise(ctx: CloudContext, servers: DemoServer[], start: number, stop: number, detailed: boolean): TenantSummary[] {
  const byTenant = new Map<string, TenantSummary>();
  for (const server of servers) {
    const flavor = ctx.store.flavors.get(server.flavorId)!;
    const hours = hoursFor(server, start, stop);
    const localGb = flavor.diskGb + flavor.ephemeralGb;
    let summary = byTenant.get(server.projectId);
    if (!summary) {
      summary = {
        tenant_id: server.projectId,
        ...(detailed ? { server_usages: [] } : {}),
        total_local_gb_usage: 0,
        total_vcpus_usage: 0,
        total_memory_mb_usage: 0,
        total_hours: 0,
        start: naiveMicro(start),
        stop: naiveMicro(stop),
      };
      byTenant.set(server.projectId, summary);
    }
    summary.total_local_gb_usage += localGb * hours;
    summary.total_vcpus_usage += flavor.vcpus * hours;
    summary.total_memory_mb_usage += flavor.ramMb * hours;
    summary.total_hours += hours;
    const ended = server.terminatedMs;
    const launched = server.launchedMs!;
    summary.server_usages?.push({
      ended_at: ended === null ? null : naiveMicro(ended),
      flavor: flavor.name,
      hours,
      instance_id: server.id,
      local_gb: localGb,
      memory_mb: flavor.ramMb,
      name: server.name,
      started_at: naiveMicro(launched),
      state: ended === null ? server.vmState : 'terminated',
      tenant_id: server.projectId,
      uptime: Math.floor(((ended ?? ctx.nowMs) - launched) / 1000),
      vcpus: flavor.vcpus,
    });
  }
  return [...byTenant.values()];
}

/** `GET /os-simple-tenant-usage[/{tenant_id}]`. */
export function tenantUsage(req: DemoRequest, ctx: CloudContext, version: ApiVersion, tenantId: string | null): DemoResponse {
  const auth = req.auth!;
  if (tenantId === null && !auth.isAdmin) return novaError(403, "Policy doesn't allow os_compute_api:os-simple-tenant-usage:list to be performed.");
  if (tenantId !== null && !auth.isAdmin && tenantId !== auth.projectId) {
    return novaError(403, "Policy doesn't allow os_compute_api:os-simple-tenant-usage:show to be performed.");
  }
  const startRaw = req.query.get('start');
  const endRaw = req.query.get('end');
  const start = startRaw ? parseNovaDatetime(startRaw) : ctx.nowMs;
  // Nova reads "now" once per missing bound, end after start, so two missing bounds still differ.
  const requestedStop = endRaw ? parseNovaDatetime(endRaw) : ctx.nowMs + 1;
  if (start === null || requestedStop === null) return novaError(400, 'Invalid datetime string: Datetime is in invalid format');
  if (!(start < requestedStop)) return novaError(400, 'Invalid start time. The start time cannot occur after the end time.');
  const stop = Math.min(requestedStop, ctx.nowMs);
  const detailed = tenantId !== null || req.query.get('detailed') === '1';
  const paged = atLeast(version, 2, 40);

  let limit = ctx.maxLimit;
  let from = 0;
  const list = tenantId === null ? ctx.store.usageList : (ctx.store.usageByProject.get(tenantId) ?? emptyList(ctx.store.usageList.compare));
  if (paged) {
    const parsed = parseLimit(req.query.get('limit'), ctx.maxLimit);
    if (!parsed.ok) return novaError(400, 'limit param must be positive');
    limit = parsed.limit;
    const markerId = req.query.get('marker');
    if (markerId) {
      const marker = ctx.store.servers.get(markerId);
      if (!marker) return novaError(400, `Marker ${markerId} could not be found.`);
      from = list.after(marker);
    }
  }
  // Without 2.40 Nova still stops at max_limit instances, silently: that is the real behaviour.
  const instances = list.take(from, limit, (s) => (s.terminatedMs === null || s.terminatedMs > start) && s.launchedMs !== null && s.launchedMs < stop);
  const usages = summarise(ctx, instances, start, stop, detailed);
  const linkKey = tenantId === null ? 'tenant_usages_links' : 'tenant_usage_links';
  const body: Record<string, unknown> = tenantId === null ? { tenant_usages: usages } : { tenant_usage: usages[0] ?? {} };
  if (paged && limit > 0 && instances.length === limit) body[linkKey] = [{ rel: 'next', href: novaNextLink(req, instances[instances.length - 1].id) }];
  return json(200, body);
}
