/**
 * Nova (compute v2.1): version discovery, microversion negotiation and the routes reports use:
 * servers, flavors, os-simple-tenant-usage, quota sets, limits and availability zones.
 */
import type { CloudContext, ServiceHandler } from './context';
import { parseLimit } from './context';
import type { DemoFlavor } from './data';
import { serviceError } from './errors';
import { json, type DemoRequest, type DemoResponse } from './http';
import { atLeast, formatVersion, negotiate, versionHeaders, type ApiVersion, type MicroversionSpec } from './microversion';
import { listServers, novaNextLink, showServer } from './nova-servers';
import { tenantUsage } from './nova-usage';
import { flavorDetail, flavorSummary } from './nova-views';

/** Nova's microversion range here: 2.100 is the newest servers/detail sample. */
export const NOVA_VERSIONS: MicroversionSpec = {
  serviceType: 'compute',
  legacyHeader: 'X-OpenStack-Nova-API-Version',
  min: { major: 2, minor: 1 },
  max: { major: 2, minor: 100 },
};

const novaError = (status: number, message: string): DemoResponse => serviceError('compute', status, message);

function versionEntries(ctx: CloudContext): Record<string, unknown>[] {
  const base = `${ctx.baseUrl}/compute`;
  return [
    { id: 'v2.0', links: [{ href: `${base}/v2/`, rel: 'self' }], status: 'DEPRECATED', version: '', min_version: '', updated: '2025-07-04T12:00:00Z' },
    {
      id: 'v2.1',
      links: [
        { href: `${base}/v2.1/`, rel: 'self' },
        { href: 'http://docs.openstack.org/', rel: 'describedby', type: 'text/html' },
      ],
      'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }],
      status: 'CURRENT',
      version: formatVersion(NOVA_VERSIONS.max),
      min_version: formatVersion(NOVA_VERSIONS.min),
      updated: '2013-07-23T11:33:21Z',
    },
  ];
}

/** Nova's `_parse_is_public`: unset means public only, `none` means all, else a strict boolean. */
function parseIsPublic(raw: string | null): boolean | null | 'invalid' {
  if (raw === null) return true;
  const v = raw.toLowerCase();
  if (v === 'none') return null;
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(v)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(v)) return false;
  return 'invalid';
}

function flavorVisible(flavor: DemoFlavor, admin: boolean, projectId: string | null): boolean {
  if (flavor.deleted) return false;
  return flavor.isPublic || admin || (projectId !== null && flavor.accessProjectIds.includes(projectId));
}

function listFlavors(req: DemoRequest, ctx: CloudContext, version: ApiVersion, detailed: boolean): DemoResponse {
  const auth = req.auth!;
  const projectId = auth.projectId;
  let isPublic: boolean | null = true;
  if (auth.isAdmin) {
    const parsed = parseIsPublic(req.query.get('is_public'));
    if (parsed === 'invalid') return novaError(400, `Invalid is_public filter [${req.query.get('is_public')}]`);
    isPublic = parsed;
  }
  const minDisk = Number(req.query.get('minDisk') ?? 0);
  const minRam = Number(req.query.get('minRam') ?? 0);
  const filter = (f: DemoFlavor): boolean => {
    if (f.deleted || f.diskGb < minDisk || f.ramMb < minRam) return false;
    if (!auth.isAdmin && f.disabled) return false;
    // As in Nova's DB query: is_public=True also returns private flavors shared with the caller's project.
    if (isPublic === true) return f.isPublic || (projectId !== null && f.accessProjectIds.includes(projectId));
    if (isPublic === false) return !f.isPublic;
    return true;
  };
  const parsed = parseLimit(req.query.get('limit'), ctx.maxLimit);
  if (!parsed.ok) return novaError(400, 'limit param must be positive');
  let start = 0;
  const markerId = req.query.get('marker');
  if (markerId) {
    const marker = ctx.store.flavors.get(markerId);
    if (!marker || marker.deleted) return novaError(400, `marker [${markerId}] not found`);
    start = ctx.store.flavorList.after(marker);
  }
  const page = ctx.store.flavorList.take(start, parsed.limit, filter);
  const body: Record<string, unknown> = { flavors: page.map((f) => (detailed ? flavorDetail(ctx, f, version) : flavorSummary(ctx, f, version))) };
  if (parsed.limit > 0 && page.length === parsed.limit) body.flavors_links = [{ rel: 'next', href: novaNextLink(req, page[page.length - 1].id) }];
  return json(200, body);
}

function flavorRoutes(req: DemoRequest, ctx: CloudContext, version: ApiVersion, seg: string[]): DemoResponse {
  const auth = req.auth!;
  if (seg.length === 1) return listFlavors(req, ctx, version, false);
  if (seg.length === 2 && seg[1] === 'detail') return listFlavors(req, ctx, version, true);
  const flavor = ctx.store.flavors.get(seg[1]);
  if (!flavor || !flavorVisible(flavor, auth.isAdmin, auth.projectId)) return novaError(404, `Flavor ${seg[1]} could not be found.`);
  if (seg.length === 2) return json(200, { flavor: flavorDetail(ctx, flavor, version) });
  if (seg.length === 3 && seg[2] === 'os-extra_specs') return json(200, { extra_specs: flavor.extraSpecs });
  if (seg.length === 3 && seg[2] === 'os-flavor-access') {
    if (!auth.isAdmin) return novaError(403, "Policy doesn't allow os_compute_api:os-flavor-access to be performed.");
    if (flavor.isPublic) return novaError(404, 'Access list not available for public flavors.');
    return json(200, { flavor_access: flavor.accessProjectIds.map((p) => ({ flavor_id: flavor.id, tenant_id: p })) });
  }
  return novaError(404, 'The resource could not be found.');
}

/** Live instances, cores and RAM of a project (Nova's legacy quota counting includes every status). */
function computeUsage(ctx: CloudContext, projectId: string): { instances: number; cores: number; ram: number } {
  const usage = { instances: 0, cores: 0, ram: 0 };
  for (const s of ctx.store.serversByProject.get(projectId)?.items ?? []) {
    const f = ctx.store.flavors.get(s.flavorId)!;
    usage.instances += 1;
    usage.cores += f.vcpus;
    usage.ram += f.ramMb;
  }
  return usage;
}

const DEFAULT_COMPUTE_QUOTA = { instances: 10, cores: 20, ram: 51200, key_pairs: 100, metadata_items: 128, server_groups: 10, server_group_members: 10 };

function quotaLimits(ctx: CloudContext, projectId: string, version: ApiVersion, defaults: boolean): Record<string, number> {
  const limits: Record<string, number> = { ...(defaults ? DEFAULT_COMPUTE_QUOTA : (ctx.store.quotas.get(projectId)?.compute ?? DEFAULT_COMPUTE_QUOTA)) };
  if (!atLeast(version, 2, 57)) Object.assign(limits, { injected_file_content_bytes: 10240, injected_file_path_bytes: 255, injected_files: 5 });
  if (!atLeast(version, 2, 36)) Object.assign(limits, { fixed_ips: -1, floating_ips: -1, security_group_rules: -1, security_groups: -1 });
  return limits;
}

function quotaSets(req: DemoRequest, ctx: CloudContext, version: ApiVersion, seg: string[]): DemoResponse {
  const auth = req.auth!;
  const projectId = seg[1];
  if (!projectId) return novaError(404, 'The resource could not be found.');
  if (!auth.isAdmin && projectId !== auth.projectId) return novaError(403, "Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.");
  const mode = seg[2];
  if (seg.length > 3 || (mode !== undefined && mode !== 'detail' && mode !== 'defaults')) return novaError(404, 'The resource could not be found.');
  const limits = quotaLimits(ctx, projectId, version, mode === 'defaults');
  if (mode !== 'detail') return json(200, { quota_set: { id: projectId, ...limits } });
  const used: Record<string, number> = computeUsage(ctx, projectId);
  const detail: Record<string, unknown> = { id: projectId };
  for (const [key, limit] of Object.entries(limits)) detail[key] = { in_use: used[key] ?? 0, limit, reserved: 0 };
  return json(200, { quota_set: detail });
}

function limits(req: DemoRequest, ctx: CloudContext, version: ApiVersion): DemoResponse {
  const auth = req.auth!;
  const projectId = (auth.isAdmin && req.query.get('tenant_id')) || auth.projectId || '';
  const q = quotaLimits(ctx, projectId, version, false);
  const used = computeUsage(ctx, projectId);
  const absolute: Record<string, number> = {
    maxServerMeta: q.metadata_items,
    maxTotalCores: q.cores,
    maxTotalInstances: q.instances,
    maxTotalKeypairs: q.key_pairs,
    maxTotalRAMSize: q.ram,
    maxServerGroups: q.server_groups,
    maxServerGroupMembers: q.server_group_members,
    totalCoresUsed: used.cores,
    totalInstancesUsed: used.instances,
    totalRAMUsed: used.ram,
    totalServerGroupsUsed: 0,
  };
  if (!atLeast(version, 2, 39)) absolute.maxImageMeta = q.metadata_items;
  if (!atLeast(version, 2, 57)) Object.assign(absolute, { maxPersonality: 5, maxPersonalitySize: 10240 });
  if (!atLeast(version, 2, 36)) {
    Object.assign(absolute, { maxSecurityGroupRules: -1, maxSecurityGroups: -1, maxTotalFloatingIps: -1, totalFloatingIpsUsed: 0, totalSecurityGroupsUsed: 0 });
  }
  return json(200, { limits: { absolute, rate: [] } });
}

function availabilityZones(req: DemoRequest, ctx: CloudContext, detail: boolean): DemoResponse {
  const { data } = ctx.store;
  if (!detail)
    return json(200, { availabilityZoneInfo: data.availabilityZones.map((zoneName) => ({ zoneName, zoneState: { available: true }, hosts: null })) });
  if (!req.auth!.isAdmin) return novaError(403, "Policy doesn't allow os_compute_api:os-availability-zone:detail to be performed.");
  const service = { active: true, available: true, updated_at: null };
  const zones: { zoneName: string; zoneState: { available: boolean }; hosts: Record<string, Record<string, typeof service>> }[] = data.availabilityZones.map(
    (zoneName) => ({
      zoneName,
      zoneState: { available: true },
      hosts: Object.fromEntries(data.hosts.filter((h) => h.availabilityZone === zoneName).map((h) => [h.name, { 'nova-compute': service }])),
    }),
  );
  zones.unshift({
    zoneName: 'internal',
    zoneState: { available: true },
    hosts: { 'controller-0001': { 'nova-conductor': service, 'nova-scheduler': service } },
  });
  return json(200, { availabilityZoneInfo: zones });
}

function route(req: DemoRequest, ctx: CloudContext, version: ApiVersion, seg: string[]): DemoResponse {
  if (req.method !== 'GET') return novaError(405, 'The method is not allowed for the requested URL.');
  switch (seg[0]) {
    case 'servers':
      if (seg.length === 1) return listServers(req, ctx, version, false);
      if (seg.length === 2 && seg[1] === 'detail') return listServers(req, ctx, version, true);
      if (seg.length === 2) return showServer(req, ctx, version, seg[1]);
      break;
    case 'flavors':
      return flavorRoutes(req, ctx, version, seg);
    case 'os-simple-tenant-usage':
      if (seg.length <= 2) return tenantUsage(req, ctx, version, seg[1] ?? null);
      break;
    case 'os-quota-sets':
      return quotaSets(req, ctx, version, seg);
    case 'limits':
      if (seg.length === 1) return limits(req, ctx, version);
      break;
    case 'os-availability-zone':
      if (seg.length === 1 || (seg.length === 2 && seg[1] === 'detail')) return availabilityZones(req, ctx, seg.length === 2);
      break;
  }
  return novaError(404, 'The resource could not be found.');
}

/** True for Nova's version documents, which need no token. */
export function novaIsPublic(req: Pick<DemoRequest, 'path'>): boolean {
  return req.path === '' || req.path === '/v2.1';
}

/** Handles everything under `/compute`. */
export const nova: ServiceHandler = (req, ctx) => {
  if (req.path === '') return json(200, { versions: versionEntries(ctx) });
  if (req.segments[0] !== 'v2.1') return novaError(404, 'The resource could not be found.');
  if (req.path === '/v2.1') return json(200, { version: versionEntries(ctx)[1] });
  const negotiated = negotiate(req.headers, NOVA_VERSIONS);
  if (!negotiated.ok) return novaError(negotiated.status, negotiated.message);
  let seg = req.segments.slice(1);
  // Older catalogs put the project id in the compute URL; Nova accepts both forms.
  if (seg.length > 1 && ctx.store.projects.has(seg[0])) seg = seg.slice(1);
  const response = route(req, ctx, negotiated.version, seg);
  response.headers = { ...versionHeaders(NOVA_VERSIONS, negotiated.version), ...response.headers };
  return response;
};
