/**
 * Domain types shared by the OpenStack client (which produces them), the report engine (which
 * consumes them) and the use cases. Wire names are renamed once, in the OpenStack parsers; nothing
 * here knows a JSON key of any OpenStack service.
 */

/** A Keystone project. */
export interface Project {
  id: string;
  name: string;
  domainId?: string;
  description?: string | null;
  enabled: boolean;
}

/** A Nova flavor, as listed or as embedded in a server (2.47+, which carries no id). */
export interface Flavor {
  /** Absent for flavors embedded in servers from compute 2.47 on. */
  id?: string;
  name: string;
  vcpus: number;
  ramMb: number;
  diskGb: number;
  ephemeralGb: number;
  swapMb: number;
  isPublic?: boolean;
  /** The server refers to a flavor that no longer exists in `flavors/detail`. */
  deleted?: boolean;
  extraSpecs?: Record<string, string>;
}

/** One address of a server, from Nova's `addresses` map. */
export interface ServerAddress {
  network: string;
  addr: string;
  version: 4 | 6;
  type: 'fixed' | 'floating';
  mac?: string;
}

/** A Nova server. */
export interface Server {
  id: string;
  /** Empty for partial records from down cells. */
  name: string;
  projectId: string;
  userId?: string;
  /** ACTIVE, SHUTOFF, PAUSED, SUSPENDED, ERROR, SHELVED_OFFLOADED, UNKNOWN, ... */
  status: string;
  /** Nova power state number (0 NOSTATE, 1 RUNNING, 3 PAUSED, 4 SHUTDOWN, 6 CRASHED, 7 SUSPENDED). */
  powerState?: number;
  taskState?: string | null;
  /** Null when the record is partial (down cell). */
  flavor: Flavor | null;
  /** Null for boot-from-volume servers (Nova sends `image: ""`). */
  imageId: string | null;
  availabilityZone?: string;
  /** Admin only. */
  host?: string;
  /** Admin only. */
  hypervisorHostname?: string;
  addresses: ServerAddress[];
  metadata: Record<string, string>;
  tags: string[];
  /** ISO 8601 with timezone. */
  created: string;
  updated?: string;
  launchedAt?: string | null;
  volumeIds: string[];
  /** True for partial records returned by Nova for servers in a down cell (2.69+). */
  partial: boolean;
}

export interface VolumeAttachment {
  serverId: string;
  device?: string | null;
  attachedAt?: string | null;
}

/** A Cinder volume. */
export interface Volume {
  id: string;
  name: string | null;
  /** Admin view only (`os-vol-tenant-attr:tenant_id`). */
  projectId?: string;
  sizeGb: number;
  status: string;
  volumeType?: string | null;
  bootable: boolean;
  attachments: VolumeAttachment[];
  availabilityZone?: string;
  createdAt: string;
}

/** A Cinder snapshot. */
export interface Snapshot {
  id: string;
  name: string | null;
  volumeId: string;
  projectId?: string;
  sizeGb: number;
  status: string;
  createdAt: string;
}

/** A Neutron floating IP. */
export interface FloatingIp {
  id: string;
  address: string;
  projectId: string;
  status: string;
  portId: string | null;
  fixedIpAddress: string | null;
  routerId: string | null;
  floatingNetworkId: string;
  createdAt?: string;
}

/** A Neutron port (only what reports need). */
export interface Port {
  id: string;
  projectId: string;
  networkId: string;
  deviceId: string;
  deviceOwner: string;
  status: string;
  fixedIps: { subnetId: string; ipAddress: string }[];
}

/** A Glance image (only what reports need). */
export interface Image {
  id: string;
  name: string | null;
  status: string;
  sizeBytes?: number | null;
  owner?: string | null;
  visibility?: string;
}

/** One server's line in Nova's os-simple-tenant-usage (detailed). */
export interface ServerUsage {
  instanceId: string;
  name: string;
  projectId: string;
  /** Flavor name; Nova reports the latest flavor for the whole period. */
  flavor: string;
  vcpus: number;
  memoryMb: number;
  localGb: number;
  /** Hours inside the period; stopped time counts. */
  hours: number;
  startedAt: string;
  endedAt: string | null;
  state: string;
}

/** One project's os-simple-tenant-usage over a period, stitched across pages. */
export interface ProjectUsage {
  projectId: string;
  start: string;
  stop: string;
  totalHours: number;
  /** vCPU-hours. */
  vcpuHours: number;
  /** RAM in MB-hours, as Nova reports it. */
  memoryMbHours: number;
  /** Root disk GB-hours. */
  diskGbHours: number;
  servers: ServerUsage[];
}

/** One quota line: -1 limit means unlimited. */
export interface QuotaLine {
  limit: number;
  inUse: number;
  reserved?: number;
}

/** A project's quotas across services. Keys are the resource names (cores, ram, instances, gigabytes, volumes, floatingip, ...). */
export interface ProjectQuota {
  projectId: string;
  compute: Record<string, QuotaLine>;
  volume: Record<string, QuotaLine>;
  network: Record<string, QuotaLine>;
}

/** Which projects a fetch covers. */
export type ProjectScope = { kind: 'all' } | { kind: 'projects'; projectIds: string[] };

/** A closed period [start, end). */
export interface Period {
  start: Date;
  end: Date;
}
