/**
 * Nova's JSON views of servers and flavors, field by field as each microversion adds or changes
 * them, with the admin-only attributes left out for other callers.
 */
import { createHash } from 'node:crypto';
import type { CloudContext } from './context';
import type { DemoFlavor, DemoServer } from './data';
import { isoZ, naiveMicro } from './http';
import { atLeast, formatVersion, type ApiVersion } from './microversion';

type Dict = Record<string, unknown>;

/** Self and bookmark links; bookmarks drop the version prefix, as Nova's do. */
export function novaLinks(ctx: CloudContext, collection: string, id: string): Dict[] {
  return [
    { rel: 'self', href: `${ctx.baseUrl}/compute/v2.1/${collection}/${id}` },
    { rel: 'bookmark', href: `${ctx.baseUrl}/compute/${collection}/${id}` },
  ];
}

const hostIds = new WeakMap<DemoServer, string>();

/** Nova's hostId: sha224 of project id + host, empty when the server has no host. */
function hostId(server: DemoServer): string {
  let id = hostIds.get(server);
  if (id === undefined) {
    id = server.host
      ? createHash('sha224')
          .update(server.projectId + server.host)
          .digest('hex')
      : '';
    hostIds.set(server, id);
  }
  return id;
}

/** Nova's display-name-to-hostname sanitising; names with nothing usable become `server-<uuid>`. */
function hostname(server: DemoServer): string {
  const cleaned = server.name
    .toLowerCase()
    .replace(/[ _]/g, '-')
    .replace(/[^\w.-]+/g, '')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 63);
  return cleaned || `server-${server.id}`;
}

function addresses(server: DemoServer): Record<string, Dict[]> {
  const out: Record<string, Dict[]> = {};
  for (const a of server.addresses) {
    (out[a.networkName] ??= []).push({ 'OS-EXT-IPS-MAC:mac_addr': a.mac, 'OS-EXT-IPS:type': a.type, addr: a.addr, version: a.version });
  }
  return out;
}

function flavorRef(ctx: CloudContext, flavor: DemoFlavor, version: ApiVersion): Dict {
  if (!atLeast(version, 2, 47)) return { id: flavor.id, links: novaLinks(ctx, 'flavors', flavor.id).slice(1) };
  // From 2.47 the server carries its own copy of the flavor, so deleted flavors still show.
  return {
    vcpus: flavor.vcpus,
    ram: flavor.ramMb,
    disk: flavor.diskGb,
    ephemeral: flavor.ephemeralGb,
    swap: flavor.swapMb,
    original_name: flavor.name,
    extra_specs: flavor.extraSpecs,
  };
}

function imageRef(ctx: CloudContext, server: DemoServer, version: ApiVersion): Dict | string {
  if (server.imageId === null) return '';
  const ref: Dict = { id: server.imageId, links: novaLinks(ctx, 'images', server.imageId).slice(1) };
  if (atLeast(version, 2, 98)) ref.properties = ctx.store.images.get(server.imageId)?.properties ?? {};
  return ref;
}

/** `GET /servers` entries. */
export function serverSummary(ctx: CloudContext, server: DemoServer): Dict {
  return { id: server.id, links: novaLinks(ctx, 'servers', server.id), name: server.name };
}

/** `GET /servers/detail` and `GET /servers/{id}` entries. */
export function serverDetail(ctx: CloudContext, server: DemoServer, version: ApiVersion, admin: boolean): Dict {
  const flavor = ctx.store.flavors.get(server.flavorId)!;
  const out: Dict = {
    id: server.id,
    name: server.name,
    status: server.status,
    tenant_id: server.projectId,
    user_id: server.userId,
    metadata: server.metadata,
    hostId: hostId(server),
    image: imageRef(ctx, server, version),
    flavor: flavorRef(ctx, flavor, version),
    created: isoZ(server.createdMs),
    updated: isoZ(server.updatedMs),
    addresses: addresses(server),
    accessIPv4: '',
    accessIPv6: '',
    links: novaLinks(ctx, 'servers', server.id),
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': server.availabilityZone,
    config_drive: '',
    key_name: server.keyName,
    'OS-SRV-USG:launched_at': server.launchedMs === null ? null : naiveMicro(server.launchedMs),
    'OS-SRV-USG:terminated_at': server.terminatedMs === null ? null : naiveMicro(server.terminatedMs),
    'OS-EXT-STS:task_state': null,
    'OS-EXT-STS:vm_state': server.vmState,
    'OS-EXT-STS:power_state': server.powerState,
    'os-extended-volumes:volumes_attached': server.volumeIds.map((id, n) =>
      atLeast(version, 2, 3) ? { id, delete_on_termination: n === 0 && server.imageId === null } : { id },
    ),
  };
  if (server.status === 'ACTIVE') out.progress = 0;
  if (server.portId) out.security_groups = [{ name: 'default' }];
  if (admin) {
    out['OS-EXT-SRV-ATTR:host'] = server.host;
    out['OS-EXT-SRV-ATTR:hypervisor_hostname'] = server.hypervisorHostname;
    out['OS-EXT-SRV-ATTR:instance_name'] = server.instanceName;
    if (atLeast(version, 2, 3)) {
      out['OS-EXT-SRV-ATTR:reservation_id'] = server.reservationId;
      out['OS-EXT-SRV-ATTR:launch_index'] = 0;
      out['OS-EXT-SRV-ATTR:kernel_id'] = '';
      out['OS-EXT-SRV-ATTR:ramdisk_id'] = '';
      out['OS-EXT-SRV-ATTR:hostname'] = hostname(server);
      out['OS-EXT-SRV-ATTR:root_device_name'] = '/dev/vda';
      out['OS-EXT-SRV-ATTR:user_data'] = null;
    }
    if (atLeast(version, 2, 16)) out.host_status = server.host ? 'UP' : '';
  }
  if (atLeast(version, 2, 9)) out.locked = server.locked;
  if (atLeast(version, 2, 19)) out.description = server.description;
  if (atLeast(version, 2, 26)) out.tags = server.tags;
  if (atLeast(version, 2, 63)) out.trusted_image_certificates = null;
  if (atLeast(version, 2, 73)) out.locked_reason = server.lockedReason;
  if (atLeast(version, 2, 90)) out['OS-EXT-SRV-ATTR:hostname'] = hostname(server);
  if (atLeast(version, 2, 96)) out.pinned_availability_zone = null;
  if (atLeast(version, 2, 100)) out.scheduler_hints = {};
  if (server.fault) {
    const fault: Dict = { code: server.fault.code, created: isoZ(server.fault.createdMs), message: server.fault.message };
    if (admin) fault.details = 'Traceback (most recent call last):\n  ...\nnova.exception.NoValidHost';
    out.fault = fault;
  }
  return out;
}

/** Serialized views per cloud, per (microversion, role), per server: the data never changes. */
const serialized = new WeakMap<CloudContext, Map<string, WeakMap<DemoServer, Buffer>>>();
/** Variants kept per cloud; clients use one or two microversions, tests a few more. */
const MAX_VARIANTS = 8;

/**
 * {@link serverDetail} as JSON bytes, cached: a 2 MB page of 1,000 servers becomes a copy of
 * cached bytes instead of 1,000 views and a `JSON.stringify`, so the demo cloud costs a client
 * (and a benchmark) a few milliseconds per page rather than tens.
 */
export function serverDetailJson(ctx: CloudContext, server: DemoServer, version: ApiVersion, admin: boolean): Buffer {
  let variants = serialized.get(ctx);
  if (!variants) serialized.set(ctx, (variants = new Map()));
  const key = `${formatVersion(version)}/${admin ? 'admin' : 'member'}`;
  let views = variants.get(key);
  if (!views) {
    if (variants.size >= MAX_VARIANTS) variants.delete(variants.keys().next().value!);
    variants.set(key, (views = new WeakMap()));
  }
  let bytes = views.get(server);
  if (!bytes) views.set(server, (bytes = Buffer.from(JSON.stringify(serverDetail(ctx, server, version, admin)))));
  return bytes;
}

/** `GET /flavors` entries. */
export function flavorSummary(ctx: CloudContext, flavor: DemoFlavor, version: ApiVersion): Dict {
  const out: Dict = { id: flavor.id, links: novaLinks(ctx, 'flavors', flavor.id), name: flavor.name };
  if (atLeast(version, 2, 55)) out.description = flavor.description;
  return out;
}

/** `GET /flavors/detail` and `GET /flavors/{id}` entries. */
export function flavorDetail(ctx: CloudContext, flavor: DemoFlavor, version: ApiVersion): Dict {
  const out: Dict = {
    ...flavorSummary(ctx, flavor, version),
    'OS-FLV-DISABLED:disabled': flavor.disabled,
    disk: flavor.diskGb,
    'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeralGb,
    'os-flavor-access:is_public': flavor.isPublic,
    ram: flavor.ramMb,
    // Before 2.75 Nova sends swap 0 as an empty string.
    swap: flavor.swapMb === 0 && !atLeast(version, 2, 75) ? '' : flavor.swapMb,
    vcpus: flavor.vcpus,
    rxtx_factor: flavor.rxtxFactor,
  };
  if (atLeast(version, 2, 61)) out.extra_specs = flavor.extraSpecs;
  return out;
}
