/**
 * Generates Cinder volumes (boot volumes of boot-from-volume servers, attached data volumes, a
 * multi-attached one, and unattached ones) and their snapshots. Fills `server.volumeIds`.
 */
import type { DemoFlavor, DemoProject, DemoServer, DemoSnapshot, DemoVolume, DemoVolumeType } from './data';
import type { ImageSet } from './generate-catalog';
import type { Prng } from './prng';

const DAY = 86_400_000;
const DEVICES = ['/dev/vdb', '/dev/vdc', '/dev/vdd'];

/** Inputs of the storage generator. */
export interface StorageContext {
  rng: Prng;
  nowMs: number;
  projects: DemoProject[];
  servers: DemoServer[];
  flavorsById: Map<string, DemoFlavor>;
  images: ImageSet;
  volumeTypes: DemoVolumeType[];
}

function volume(ctx: StorageContext, projectId: string, userId: string, createdMs: number, extra: Partial<DemoVolume>): DemoVolume {
  const { rng } = ctx;
  return {
    id: rng.uuid(),
    name: null,
    description: null,
    projectId,
    userId,
    sizeGb: rng.pick([1, 5, 10, 20, 50, 100, 250, 500]),
    status: 'available',
    volumeType: rng.weighted(ctx.volumeTypes, [6, 3, 1]).name,
    bootable: false,
    encrypted: rng.chance(0.05),
    multiattach: false,
    availabilityZone: 'nova',
    host: `cinder-volume-${rng.int(1, 3)}@lvmdriver-1#lvmdriver-1`,
    attachments: [],
    imageId: null,
    snapshotId: null,
    metadata: {},
    createdMs,
    updatedMs: createdMs + rng.int(5, 120) * 1000,
    ...extra,
  };
}

function attach(ctx: StorageContext, vol: DemoVolume, server: DemoServer, device: string): void {
  vol.status = 'in-use';
  vol.attachments.push({
    attachmentId: ctx.rng.uuid(),
    serverId: server.id,
    device,
    attachedMs: server.launchedMs ?? server.createdMs,
    hostName: server.host,
  });
  vol.updatedMs = Math.max(vol.updatedMs, server.launchedMs ?? server.createdMs);
  server.volumeIds.push(vol.id);
}

/** Volumes and snapshots of the whole cloud. */
export function generateStorage(ctx: StorageContext): { volumes: DemoVolume[]; snapshots: DemoSnapshot[] } {
  const { rng, nowMs } = ctx;
  const volumes: DemoVolume[] = [];
  const live = ctx.servers.filter((s) => !s.deleted);

  for (const server of live) {
    if (server.imageId === null) {
      const flavor = ctx.flavorsById.get(server.flavorId);
      const boot = volume(ctx, server.projectId, server.userId, server.createdMs, {
        // Nova creates boot volumes without a name.
        name: '',
        sizeGb: Math.max(flavor?.diskGb ?? 10, rng.pick([20, 40, 80])),
        bootable: true,
        imageId: rng.pick(ctx.images.publicActive).id,
        availabilityZone: server.availabilityZone || 'nova',
      });
      attach(ctx, boot, server, '/dev/vda');
      volumes.push(boot);
    }
    if (server.launchedMs === null) continue;
    const dataVolumes = rng.chance(0.2) ? (rng.chance(0.25) ? 2 : 1) : 0;
    for (let d = 0; d < dataVolumes; d++) {
      const vol = volume(ctx, server.projectId, server.userId, server.createdMs + (d + 1) * 60_000, { name: `${server.name}-data-${d + 1}` });
      attach(ctx, vol, server, DEVICES[d]);
      volumes.push(vol);
    }
  }

  const pair = live.filter((s) => s.projectId === ctx.projects[Math.min(1, ctx.projects.length - 1)].id && s.launchedMs !== null).slice(0, 2);
  if (pair.length === 2) {
    const shared = volume(ctx, pair[0].projectId, pair[0].userId, Math.max(pair[0].createdMs, pair[1].createdMs) + 3_600_000, {
      name: 'shared-cluster-disk',
      multiattach: true,
      volumeType: 'ssd',
    });
    pair.forEach((s) => attach(ctx, shared, s, DEVICES[2]));
    volumes.push(shared);
  }

  const ownerOf = new Map<string, string>();
  for (const s of live) if (!ownerOf.has(s.projectId)) ownerOf.set(s.projectId, s.userId);
  const spare = Math.max(3, Math.round(live.length * 0.12));
  for (let i = 0; i < spare; i++) {
    const project = i < ctx.projects.length ? ctx.projects[i] : rng.pick(ctx.projects);
    const owner = ownerOf.get(project.id) ?? project.id;
    const createdMs = Math.floor((nowMs - rng.int(1, 500) * DAY - rng.int(0, 86_399) * 1000) / 1000) * 1000;
    volumes.push(
      volume(ctx, project.id, owner, createdMs, {
        name: i === 1 ? null : rng.chance(0.1) ? null : `volume-${String(i + 1).padStart(4, '0')}`,
        status: i === 0 ? 'error' : 'available',
        description: rng.chance(0.2) ? 'detached, kept for later' : null,
      }),
    );
  }

  const snapshots: DemoSnapshot[] = [];
  for (const vol of volumes) {
    if (vol.status === 'error' || !rng.chance(0.25)) continue;
    const count = rng.chance(0.1) ? 2 : 1;
    for (let n = 0; n < count; n++) {
      const createdMs = vol.createdMs + rng.next() * (nowMs - vol.createdMs);
      const creating = snapshots.length === 0;
      snapshots.push({
        id: rng.uuid(),
        name: rng.chance(0.1) ? null : `snap-${vol.name || vol.id.slice(0, 8)}-${n + 1}`,
        description: rng.chance(0.3) ? 'Daily backup' : null,
        volumeId: vol.id,
        projectId: vol.projectId,
        userId: vol.userId,
        sizeGb: vol.sizeGb,
        status: creating ? 'creating' : 'available',
        progress: creating ? '0%' : '100%',
        createdMs: Math.floor(createdMs),
        updatedMs: creating ? null : Math.floor(createdMs) + 30_000,
      });
    }
  }
  return { volumes, snapshots };
}
