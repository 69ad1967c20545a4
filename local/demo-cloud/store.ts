/**
 * Read indexes over the generated data: lookups by id, and lists in each service's default sort
 * order (globally and per project) so a page is a binary search plus a slice, O(page).
 */
import type {
  DemoData,
  DemoFlavor,
  DemoFloatingIp,
  DemoImage,
  DemoNetwork,
  DemoPort,
  DemoProject,
  DemoQuota,
  DemoRouter,
  DemoServer,
  DemoSnapshot,
  DemoSubnet,
  DemoUser,
  DemoVolume,
} from './data';

type Compare<T> = (a: T, b: T) => number;

/** A list kept in one total order, where any item of that order can serve as a marker. */
export class SortedList<T> {
  constructor(
    readonly items: T[],
    readonly compare: Compare<T>,
  ) {}

  /** Index of the first item ordered strictly after `marker` (which need not be in this list). */
  after(marker: T): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.items[mid], marker) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first item not ordered before `marker`. */
  before(marker: T): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.items[mid], marker) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Up to `limit` items from `start` that pass `filter`, scanning no further than needed. */
  take(start: number, limit: number, filter?: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = start; i < this.items.length && out.length < limit; i++) {
      const item = this.items[i];
      if (!filter || filter(item)) out.push(item);
    }
    return out;
  }

  /** Up to `limit` items before index `end`, in list order (Neutron's `page_reverse`). */
  takeBefore(end: number, limit: number, filter?: (item: T) => boolean): T[] {
    const out: T[] = [];
    for (let i = end - 1; i >= 0 && out.length < limit; i--) {
      const item = this.items[i];
      if (!filter || filter(item)) out.push(item);
    }
    return out.reverse();
  }
}

const byId = <T extends { id: string }>(items: T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));
const idAsc = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Nova, Cinder and Glance default: newest first, id descending as tie-breaker. */
const newestFirst = <T extends { id: string }>(created: (t: T) => number): Compare<T> => (a, b) => created(b) - created(a) || idAsc(b, a);

function sorted<T>(items: T[], compare: Compare<T>): SortedList<T> {
  return new SortedList([...items].sort(compare), compare);
}

function perProject<T>(list: SortedList<T>, projectOf: (t: T) => string): Map<string, SortedList<T>> {
  const groups = new Map<string, T[]>();
  for (const item of list.items) {
    const key = projectOf(item);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  return new Map([...groups].map(([k, items]) => [k, new SortedList(items, list.compare)]));
}

/** Indexes over {@link DemoData}. */
export interface DemoStore {
  data: DemoData;
  projects: Map<string, DemoProject>;
  users: Map<string, DemoUser>;
  flavors: Map<string, DemoFlavor>;
  images: Map<string, DemoImage>;
  servers: Map<string, DemoServer>;
  volumes: Map<string, DemoVolume>;
  snapshots: Map<string, DemoSnapshot>;
  networks: Map<string, DemoNetwork>;
  subnets: Map<string, DemoSubnet>;
  routers: Map<string, DemoRouter>;
  ports: Map<string, DemoPort>;
  floatingIps: Map<string, DemoFloatingIp>;
  quotas: Map<string, DemoQuota>;
  projectList: SortedList<DemoProject>;
  userList: SortedList<DemoUser>;
  /** Live servers, newest first (Nova's default sort). */
  serverList: SortedList<DemoServer>;
  serversByProject: Map<string, SortedList<DemoServer>>;
  /** All servers incl. deleted, by (project_id, uuid): os-simple-tenant-usage's paging order. */
  usageList: SortedList<DemoServer>;
  usageByProject: Map<string, SortedList<DemoServer>>;
  /** Flavors by flavor id (Nova sorts by `flavorid` ascending). */
  flavorList: SortedList<DemoFlavor>;
  /** Images not deleted, newest first. */
  imageList: SortedList<DemoImage>;
  volumeList: SortedList<DemoVolume>;
  volumesByProject: Map<string, SortedList<DemoVolume>>;
  snapshotList: SortedList<DemoSnapshot>;
  snapshotsByProject: Map<string, SortedList<DemoSnapshot>>;
  /** Neutron lists sort by id. */
  networkList: SortedList<DemoNetwork>;
  subnetList: SortedList<DemoSubnet>;
  routerList: SortedList<DemoRouter>;
  portList: SortedList<DemoPort>;
  portsByProject: Map<string, SortedList<DemoPort>>;
  floatingIpList: SortedList<DemoFloatingIp>;
  floatingIpsByProject: Map<string, SortedList<DemoFloatingIp>>;
}

/** Builds the indexes; O(n log n) once at start. */
export function buildStore(data: DemoData): DemoStore {
  const serverList = sorted(
    data.servers.filter((s) => !s.deleted),
    newestFirst((s) => s.createdMs),
  );
  const usageList = sorted(data.servers, (a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : idAsc(a, b)));
  const volumeList = sorted(data.volumes, newestFirst((v) => v.createdMs));
  const snapshotList = sorted(data.snapshots, newestFirst((s) => s.createdMs));
  const portList = sorted(data.ports, idAsc);
  const floatingIpList = sorted(data.floatingIps, idAsc);
  return {
    data,
    projects: byId(data.projects),
    users: byId(data.users),
    flavors: byId(data.flavors),
    images: byId(data.images),
    servers: byId(data.servers),
    volumes: byId(data.volumes),
    snapshots: byId(data.snapshots),
    networks: byId(data.networks),
    subnets: byId(data.subnets),
    routers: byId(data.routers),
    ports: byId(data.ports),
    floatingIps: byId(data.floatingIps),
    quotas: new Map(data.quotas.map((q) => [q.projectId, q])),
    projectList: sorted(data.projects, idAsc),
    userList: sorted(data.users, idAsc),
    serverList,
    serversByProject: perProject(serverList, (s) => s.projectId),
    usageList,
    usageByProject: perProject(usageList, (s) => s.projectId),
    flavorList: sorted(data.flavors, idAsc),
    imageList: sorted(
      data.images.filter((i) => !i.deleted),
      newestFirst((i) => i.createdMs),
    ),
    volumeList,
    volumesByProject: perProject(volumeList, (v) => v.projectId),
    snapshotList,
    snapshotsByProject: perProject(snapshotList, (s) => s.projectId),
    networkList: sorted(data.networks, idAsc),
    subnetList: sorted(data.subnets, idAsc),
    routerList: sorted(data.routers, idAsc),
    portList,
    portsByProject: perProject(portList, (p) => p.projectId),
    floatingIpList,
    floatingIpsByProject: perProject(floatingIpList, (f) => f.projectId),
  };
}

/** An empty list to stand in for a project without items. */
export function emptyList<T>(compare: Compare<T>): SortedList<T> {
  return new SortedList<T>([], compare);
}
