/**
 * Generates what servers are built from: flavors (public, private, disabled, deleted), Glance
 * images (public, private, shared, community, nameless, deactivated, queued, deleted), compute
 * hosts and Cinder volume types.
 */
import type { DemoFlavor, DemoHost, DemoImage, DemoProject, DemoVolumeType } from './data';
import { AVAILABILITY_ZONES, PUBLIC_IMAGES } from './names';
import type { Prng } from './prng';

const DAY = 86_400_000;

/** Flavors, with the ones servers may pick, by role. */
export interface FlavorSet {
  all: DemoFlavor[];
  /** Public flavors servers normally use, with their weights. */
  common: DemoFlavor[];
  commonWeights: number[];
  /** A private flavor with access for a few projects. */
  privateGpu: DemoFlavor;
  /** Deleted but still used by older servers. */
  retired: DemoFlavor;
}

function flavor(id: string, name: string, vcpus: number, ramMb: number, diskGb: number, extra: Partial<DemoFlavor> = {}): DemoFlavor {
  return {
    id,
    name,
    vcpus,
    ramMb,
    diskGb,
    ephemeralGb: 0,
    swapMb: 0,
    isPublic: true,
    disabled: false,
    rxtxFactor: 1,
    description: null,
    extraSpecs: {},
    accessProjectIds: [],
    deleted: false,
    ...extra,
  };
}

/** Builds the flavor set; private flavors grant access to the first member projects. */
export function generateFlavors(rng: Prng, projects: DemoProject[]): FlavorSet {
  const members = projects.filter((p) => !p.isAdminProject);
  const common = [
    flavor('1', 'm1.tiny', 1, 512, 1),
    flavor('2', 'm1.small', 1, 2048, 20),
    flavor('3', 'm1.medium', 2, 4096, 40),
    flavor('4', 'm1.large', 4, 8192, 80),
    flavor('5', 'm1.xlarge', 8, 16384, 160),
    flavor('6', 'm1.small.swap', 1, 2048, 20, { swapMb: 1024 }),
    flavor('7', 'r1.large.eph', 4, 16384, 40, { ephemeralGb: 100, extraSpecs: { 'hw:mem_page_size': 'large' } }),
  ];
  const privateGpu = flavor(rng.uuid(), 'g1.gpu.a100', 16, 131072, 200, {
    isPublic: false,
    description: 'One NVIDIA A100, on request',
    extraSpecs: { 'pci_passthrough:alias': 'a100:1', 'hw:cpu_policy': 'dedicated' },
    accessProjectIds: members.slice(0, 2).map((p) => p.id),
  });
  const privateMl = flavor(rng.uuid(), 'c1.ml-custom', 32, 65536, 100, {
    isPublic: false,
    accessProjectIds: members.slice(7, 8).map((p) => p.id),
  });
  const disabled = flavor('8', 'm1.legacy', 2, 2048, 10, { disabled: true });
  const retired = flavor(rng.uuid(), 'm1.retired', 2, 3072, 30, { deleted: true, description: 'Retired in the 2023 flavor clean-up' });
  return {
    all: [...common, privateGpu, privateMl, disabled, retired],
    common,
    commonWeights: [5, 30, 30, 15, 5, 5, 5],
    privateGpu,
    retired,
  };
}

function image(rng: Prng, nowMs: number, ageDays: number, ownerId: string, extra: Partial<DemoImage>): DemoImage {
  const sizeBytes = extra.sizeBytes === undefined ? rng.int(20, 2000) * 1024 * 1024 : extra.sizeBytes;
  const createdMs = nowMs - ageDays * DAY - rng.int(0, 86_399) * 1000;
  return {
    id: rng.uuid(),
    name: null,
    status: 'active',
    visibility: 'private',
    ownerId,
    sizeBytes,
    virtualSize: sizeBytes === null ? null : sizeBytes * 4,
    diskFormat: 'qcow2',
    containerFormat: 'bare',
    minDiskGb: 0,
    minRamMb: 0,
    checksum: sizeBytes === null ? null : rng.hex(32),
    osHashValue: sizeBytes === null ? null : rng.hex(128),
    protected: false,
    tags: [],
    properties: {},
    createdMs,
    updatedMs: createdMs + rng.int(5, 600) * 1000,
    deleted: false,
    ...extra,
  };
}

/** Images, and which of them servers boot from. */
export interface ImageSet {
  all: DemoImage[];
  publicActive: DemoImage[];
  /** Private images by owner project. */
  privateByProject: Map<string, DemoImage[]>;
  /** Deleted from Glance, still named by old servers. */
  deleted: DemoImage;
}

/** Builds Glance's images. The admin project owns the public ones. */
export function generateImages(rng: Prng, nowMs: number, projects: DemoProject[]): ImageSet {
  const adminId = projects[0].id;
  const members = projects.filter((p) => !p.isAdminProject);
  const owner = (i: number): string => (members[i] ?? projects[0]).id;
  const publicActive = PUBLIC_IMAGES.map((p, i) =>
    image(rng, nowMs, 700 - i * 60, adminId, {
      name: p.name,
      visibility: 'public',
      sizeBytes: p.sizeMb * 1024 * 1024,
      minDiskGb: p.minDisk,
      properties: p.properties,
      protected: i === 0,
      tags: i === 1 ? ['lts', 'recommended'] : [],
    }),
  );
  const privateByProject = new Map<string, DemoImage[]>();
  const addPrivate = (img: DemoImage): DemoImage => {
    privateByProject.set(img.ownerId, [...(privateByProject.get(img.ownerId) ?? []), img]);
    return img;
  };
  const golden = members
    .slice(0, 20)
    .filter((_, i) => i % 2 === 0)
    .map((p, i) => addPrivate(image(rng, nowMs, 200 - i, p.id, { name: `golden-image-${i + 1}`, properties: { os_distro: 'ubuntu' } })));
  const deleted = image(rng, nowMs, 900, adminId, { name: 'ubuntu-18.04-server', visibility: 'public', deleted: true });
  const others = [
    addPrivate(image(rng, nowMs, 90, owner(0), {})),
    image(rng, nowMs, 1200, adminId, { name: 'centos-7-eol', visibility: 'public', status: 'deactivated' }),
    image(rng, nowMs, 60, owner(1), { name: 'community-alpine-3.19', visibility: 'community', diskFormat: 'raw' }),
    image(rng, nowMs, 45, owner(0), { name: 'shared-base-image', visibility: 'shared' }),
    image(rng, nowMs, 1, owner(0), { name: 'upload-in-progress', status: 'queued', sizeBytes: null, diskFormat: null, containerFormat: null }),
  ];
  return { all: [...publicActive, ...golden, ...others, deleted], publicActive, privateByProject, deleted };
}

/** Compute hosts spread over the availability zones; enough for about 30 servers each. */
export function generateHosts(servers: number): DemoHost[] {
  const count = Math.max(4, Math.ceil(servers / 30));
  return Array.from({ length: count }, (_, h) => {
    const name = `compute-${String(h + 1).padStart(4, '0')}`;
    return { name, hypervisorHostname: `${name}.demo.cloud`, availabilityZone: AVAILABILITY_ZONES[h % AVAILABILITY_ZONES.length] };
  });
}

/** Cinder volume types. */
export function generateVolumeTypes(rng: Prng): DemoVolumeType[] {
  return [
    { id: rng.uuid(), name: '__DEFAULT__', description: 'Default Volume Type', isPublic: true },
    { id: rng.uuid(), name: 'ssd', description: 'NVMe-backed', isPublic: true },
    { id: rng.uuid(), name: 'hdd-replicated', description: null, isPublic: true },
  ];
}
