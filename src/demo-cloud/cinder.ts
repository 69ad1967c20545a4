/**
 * Cinder (block storage v3): version discovery, `volume 3.x` microversions, volumes and snapshots
 * with admin-only attributes, quota sets with usage, limits and volume types.
 */
import type { CloudContext, ServiceHandler } from './context';
import { parseLimit } from './context';
import type { DemoSnapshot, DemoVolume } from './data';
import { serviceError } from './errors';
import { json, naiveMicro, truthy, urlencode, withParam, type DemoRequest, type DemoResponse } from './http';
import { atLeast, formatVersion, negotiate, versionHeaders, type ApiVersion, type MicroversionSpec } from './microversion';
import { emptyList, type SortedList } from './store';

/** Cinder's microversion range (3.71 is current). */
export const CINDER_VERSIONS: MicroversionSpec = { serviceType: 'volume', min: { major: 3, minor: 0 }, max: { major: 3, minor: 71 } };

type Dict = Record<string, unknown>;
const cinderError = (status: number, message: string): DemoResponse => serviceError('volume', status, message);

function versionEntry(ctx: CloudContext): Dict {
  return {
    id: 'v3.0',
    links: [
      { href: 'https://docs.openstack.org/', rel: 'describedby', type: 'text/html' },
      { href: `${ctx.baseUrl}/volume/v3/`, rel: 'self' },
    ],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
    min_version: formatVersion(CINDER_VERSIONS.min),
    status: 'CURRENT',
    updated: '2022-08-31T00:00:00Z',
    version: formatVersion(CINDER_VERSIONS.max),
  };
}

interface VolumeCall {
  req: DemoRequest;
  ctx: CloudContext;
  version: ApiVersion;
  /** The project id in the URL (or the token's when the URL has none). */
  projectId: string;
}

function links(call: VolumeCall, collection: string, id: string): Dict[] {
  const base = `${call.ctx.baseUrl}/volume`;
  return [
    { href: `${base}/v3/${call.projectId}/${collection}/${id}`, rel: 'self' },
    { href: `${base}/${call.projectId}/${collection}/${id}`, rel: 'bookmark' },
  ];
}

function volumeDetail(call: VolumeCall, v: DemoVolume): Dict {
  const admin = call.req.auth!.isAdmin;
  const { version, ctx } = call;
  const out: Dict = {
    attachments: v.attachments.map((a) => ({
      // Cinder's trap: `id` is the volume id; the attachment's own id is `attachment_id`.
      id: v.id,
      attachment_id: a.attachmentId,
      volume_id: v.id,
      server_id: a.serverId,
      host_name: admin ? a.hostName : null,
      device: a.device,
      attached_at: naiveMicro(a.attachedMs),
    })),
    availability_zone: v.availabilityZone,
    bootable: v.bootable ? 'true' : 'false',
    consistencygroup_id: null,
    created_at: naiveMicro(v.createdMs),
    updated_at: naiveMicro(v.updatedMs),
    description: v.description,
    encrypted: v.encrypted,
    id: v.id,
    links: links(call, 'volumes', v.id),
    metadata: v.metadata,
    migration_status: null,
    multiattach: v.multiattach,
    name: v.name,
    replication_status: null,
    size: v.sizeGb,
    snapshot_id: v.snapshotId,
    source_volid: null,
    status: v.status,
    user_id: v.userId,
    volume_type: v.volumeType,
  };
  if (admin) {
    out['os-vol-host-attr:host'] = v.host;
    out['os-vol-mig-status-attr:migstat'] = null;
    out['os-vol-mig-status-attr:name_id'] = null;
    out['os-vol-tenant-attr:tenant_id'] = v.projectId;
  }
  if (v.imageId) {
    const image = ctx.store.images.get(v.imageId);
    // Cinder stores image metadata as strings only.
    out.volume_image_metadata = {
      image_id: v.imageId,
      image_name: image?.name ?? '',
      checksum: image?.checksum ?? '',
      container_format: image?.containerFormat ?? 'bare',
      disk_format: image?.diskFormat ?? 'qcow2',
      min_disk: String(image?.minDiskGb ?? 0),
      min_ram: String(image?.minRamMb ?? 0),
      size: String(image?.sizeBytes ?? 0),
      ...image?.properties,
    };
  }
  if (atLeast(version, 3, 13)) out.group_id = null;
  if (atLeast(version, 3, 21) && admin) out.provider_id = null;
  if (atLeast(version, 3, 48)) {
    out.shared_targets = atLeast(version, 3, 69) ? null : false;
    if (admin) out.service_uuid = null;
  }
  if (atLeast(version, 3, 61) && admin) out.cluster_name = null;
  if (atLeast(version, 3, 63)) out.volume_type_id = ctx.store.data.volumeTypes.find((t) => t.name === v.volumeType)?.id ?? null;
  if (atLeast(version, 3, 65)) out.consumes_quota = true;
  return out;
}

function snapshotDetail(call: VolumeCall, s: DemoSnapshot): Dict {
  const out: Dict = {
    created_at: naiveMicro(s.createdMs),
    description: s.description,
    id: s.id,
    metadata: {},
    name: s.name,
    'os-extended-snapshot-attributes:progress': s.progress,
    'os-extended-snapshot-attributes:project_id': s.projectId,
    size: s.sizeGb,
    status: s.status,
    updated_at: s.updatedMs === null ? null : naiveMicro(s.updatedMs),
    volume_id: s.volumeId,
  };
  if (atLeast(call.version, 3, 14)) out.group_snapshot_id = null;
  if (atLeast(call.version, 3, 41)) out.user_id = s.userId;
  if (atLeast(call.version, 3, 65)) out.consumes_quota = true;
  return out;
}

/** A Cinder collection: project scoping, `all_tenants` for admins only, marker paging. */
function listCollection<T extends { id: string; projectId: string; status: string; name: string | null }>(
  call: VolumeCall,
  key: 'volumes' | 'snapshots',
  global: SortedList<T>,
  byProject: Map<string, SortedList<T>>,
  byId: Map<string, T>,
  render: (t: T) => Dict,
): DemoResponse {
  const { req, ctx } = call;
  const auth = req.auth!;
  // Members asking for all_tenants silently get their own project, as in Cinder.
  const all = auth.isAdmin && truthy(req.query.get('all_tenants'));
  const wantedProject = all ? (req.query.get('project_id') ?? req.query.get('tenant_id')) : call.projectId;
  const list = wantedProject ? (byProject.get(wantedProject) ?? emptyList(global.compare)) : global;
  const parsed = parseLimit(req.query.get('limit'), ctx.maxLimit);
  if (!parsed.ok) return cinderError(400, `Invalid input received: ${parsed.message}`);
  let start = 0;
  const markerId = req.query.get('marker');
  if (markerId) {
    const marker = byId.get(markerId);
    if (!marker) return cinderError(404, `Marker ${markerId} could not be found.`);
    start = list.after(marker);
  }
  const status = req.query.get('status');
  const name = req.query.get('name');
  const page = list.take(start, parsed.limit, (t) => (!status || t.status === status) && (!name || t.name === name));
  const body: Dict = { [key]: page.map(render) };
  if (parsed.limit > 0 && page.length === parsed.limit) {
    const href = `${req.serviceUrl}${req.path}?${urlencode(withParam(req.query, 'marker', page[page.length - 1].id))}`;
    body[`${key}_links`] = [{ href, rel: 'next' }];
  }
  return json(200, body);
}

function quotaSet(call: VolumeCall, target: string, defaults: boolean): DemoResponse {
  const { req, ctx } = call;
  if (!req.auth!.isAdmin && target !== req.auth!.projectId) return cinderError(403, "Policy doesn't allow volume_extension:quotas:show to be performed.");
  const q = ctx.store.quotas.get(target)?.volume;
  const limits: Record<string, number> =
    defaults || !q ? { volumes: 10, gigabytes: 1000, snapshots: 10, backups: 10, backup_gigabytes: 1000, per_volume_gigabytes: -1, groups: 10 } : { ...q };
  const used: Record<string, number> = {};
  const bump = (k: string, n: number): void => void (used[k] = (used[k] ?? 0) + n);
  for (const v of ctx.store.volumesByProject.get(target)?.items ?? []) {
    bump('volumes', 1);
    bump('gigabytes', v.sizeGb);
    bump(`volumes___${v.volumeType}`, 1);
    bump(`gigabytes___${v.volumeType}`, v.sizeGb);
  }
  const volumeTypeOf = (id: string): string => ctx.store.volumes.get(id)?.volumeType ?? '__DEFAULT__';
  for (const s of ctx.store.snapshotsByProject.get(target)?.items ?? []) {
    bump('snapshots', 1);
    bump(`snapshots___${volumeTypeOf(s.volumeId)}`, 1);
    bump('gigabytes', s.sizeGb);
  }
  for (const t of ctx.store.data.volumeTypes) for (const k of ['volumes', 'gigabytes', 'snapshots']) limits[`${k}___${t.name}`] = -1;
  const usage = !defaults && truthy(req.query.get('usage'));
  const body: Dict = { id: target };
  for (const [k, limit] of Object.entries(limits).sort(([a], [b]) => (a < b ? -1 : 1))) body[k] = usage ? { in_use: used[k] ?? 0, limit, reserved: 0 } : limit;
  return json(200, { quota_set: body });
}

function limitsView(call: VolumeCall): DemoResponse {
  const q = call.ctx.store.quotas.get(call.projectId)?.volume;
  const volumes = call.ctx.store.volumesByProject.get(call.projectId)?.items ?? [];
  const snapshots = call.ctx.store.snapshotsByProject.get(call.projectId)?.items ?? [];
  return json(200, {
    limits: {
      rate: [],
      absolute: {
        totalSnapshotsUsed: snapshots.length,
        maxTotalBackups: q?.backups ?? 10,
        maxTotalVolumeGigabytes: q?.gigabytes ?? 1000,
        maxTotalSnapshots: q?.snapshots ?? 10,
        maxTotalBackupGigabytes: q?.backup_gigabytes ?? 1000,
        totalBackupGigabytesUsed: 0,
        maxTotalVolumes: q?.volumes ?? 10,
        totalVolumesUsed: volumes.length,
        totalBackupsUsed: 0,
        totalGigabytesUsed: volumes.reduce((n, v) => n + v.sizeGb, 0) + snapshots.reduce((n, s) => n + s.sizeGb, 0),
      },
    },
  });
}

function route(call: VolumeCall, seg: string[]): DemoResponse {
  const { req, ctx } = call;
  const auth = req.auth!;
  if (req.method !== 'GET') return cinderError(405, 'The method is not allowed for the requested URL.');
  const { store } = ctx;
  const ownOrAdmin = (projectId: string): boolean => auth.isAdmin || projectId === auth.projectId;
  switch (seg[0]) {
    case 'volumes': {
      const render =
        seg[1] === 'detail' ? (v: DemoVolume) => volumeDetail(call, v) : (v: DemoVolume) => ({ id: v.id, links: links(call, 'volumes', v.id), name: v.name });
      if (seg.length === 1 || (seg.length === 2 && seg[1] === 'detail'))
        return listCollection(call, 'volumes', store.volumeList, store.volumesByProject, store.volumes, render);
      const volume = store.volumes.get(seg[1]);
      if (seg.length === 2)
        return volume && ownOrAdmin(volume.projectId)
          ? json(200, { volume: volumeDetail(call, volume) })
          : cinderError(404, `Volume ${seg[1]} could not be found.`);
      break;
    }
    case 'snapshots': {
      // Cinder's snapshot summary view already carries every field the detail view has.
      const render = (s: DemoSnapshot): Dict => snapshotDetail(call, s);
      if (seg.length === 1 || (seg.length === 2 && seg[1] === 'detail'))
        return listCollection(call, 'snapshots', store.snapshotList, store.snapshotsByProject, store.snapshots, render);
      const snapshot = store.snapshots.get(seg[1]);
      if (seg.length === 2)
        return snapshot && ownOrAdmin(snapshot.projectId)
          ? json(200, { snapshot: snapshotDetail(call, snapshot) })
          : cinderError(404, `Snapshot ${seg[1]} could not be found.`);
      break;
    }
    case 'os-quota-sets':
      if (seg.length === 2 || (seg.length === 3 && seg[2] === 'defaults')) return quotaSet(call, seg[1], seg.length === 3);
      break;
    case 'limits':
      if (seg.length === 1) return limitsView(call);
      break;
    case 'types':
      if (seg.length <= 2) {
        const types = store.data.volumeTypes
          .filter((t) => seg.length === 1 || t.id === seg[1])
          .map((t) => ({
            id: t.id,
            name: t.name,
            description: t.description,
            is_public: t.isPublic,
            'os-volume-type-access:is_public': t.isPublic,
            extra_specs: {},
            qos_specs_id: null,
          }));
        if (seg.length === 2) return types[0] ? json(200, { volume_type: types[0] }) : cinderError(404, `Volume type ${seg[1]} could not be found.`);
        return json(200, { volume_types: types });
      }
      break;
    case 'os-availability-zone':
      if (seg.length === 1) return json(200, { availabilityZoneInfo: [{ zoneName: 'nova', zoneState: { available: true } }] });
      break;
  }
  return cinderError(404, 'The resource could not be found.');
}

/** True for Cinder's version documents, which need no token. */
export function cinderIsPublic(req: Pick<DemoRequest, 'path'>): boolean {
  return req.path === '' || req.path === '/v3';
}

/** Handles everything under `/volume`. */
export const cinder: ServiceHandler = (req, ctx) => {
  if (req.path === '') return json(300, { versions: [versionEntry(ctx)] });
  if (req.segments[0] !== 'v3') return cinderError(404, 'The resource could not be found.');
  if (req.path === '/v3') return json(200, { versions: [versionEntry(ctx)] });
  const negotiated = negotiate(req.headers, CINDER_VERSIONS);
  if (!negotiated.ok) return cinderError(negotiated.status, negotiated.message);
  let seg = req.segments.slice(1);
  let projectId = req.auth!.projectId ?? '';
  if (/^[0-9a-f]{32}$/.test(seg[0] ?? '')) {
    if (seg[0] !== projectId) return cinderError(400, 'Malformed request url');
    projectId = seg[0];
    seg = seg.slice(1);
  }
  const response = route({ req, ctx, version: negotiated.version, projectId }, seg);
  response.headers = { ...versionHeaders(CINDER_VERSIONS, negotiated.version), ...response.headers };
  return response;
};
