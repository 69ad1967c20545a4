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
const newestFirst = <T extends { id: string; createdMs: number }>(a: T, b: T): number => b.createdMs - a.createdMs || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

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

/**
 * Indexes over {@link DemoData}, each built on first use so a 50k-server cloud starts fast and
 * only pays for the lists it is asked for.
 */
export class DemoStore {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly data: DemoData) {}

  private once<T>(key: string, make: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key) as T;
  }

  get projects(): Map<string, DemoProject> {
    return this.once('projects', () => byId(this.data.projects));
  }
  get users(): Map<string, DemoUser> {
    return this.once('users', () => byId(this.data.users));
  }
  get flavors(): Map<string, DemoFlavor> {
    return this.once('flavors', () => byId(this.data.flavors));
  }
  get images(): Map<string, DemoImage> {
    return this.once('images', () => byId(this.data.images));
  }
  /** Live and deleted servers. */
  get servers(): Map<string, DemoServer> {
    return this.once('servers', () => byId(this.data.servers));
  }
  get volumes(): Map<string, DemoVolume> {
    return this.once('volumes', () => byId(this.data.volumes));
  }
  get snapshots(): Map<string, DemoSnapshot> {
    return this.once('snapshots', () => byId(this.data.snapshots));
  }
  get networks(): Map<string, DemoNetwork> {
    return this.once('networks', () => byId(this.data.networks));
  }
  get subnets(): Map<string, DemoSubnet> {
    return this.once('subnets', () => byId(this.data.subnets));
  }
  get routers(): Map<string, DemoRouter> {
    return this.once('routers', () => byId(this.data.routers));
  }
  get ports(): Map<string, DemoPort> {
    return this.once('ports', () => byId(this.data.ports));
  }
  get floatingIps(): Map<string, DemoFloatingIp> {
    return this.once('floatingIps', () => byId(this.data.floatingIps));
  }
  get quotas(): Map<string, DemoQuota> {
    return this.once('quotas', () => new Map(this.data.quotas.map((q) => [q.projectId, q])));
  }
  get projectList(): SortedList<DemoProject> {
    return this.once('projectList', () => sorted(this.data.projects, idAsc));
  }
  get userList(): SortedList<DemoUser> {
    return this.once('userList', () => sorted(this.data.users, idAsc));
  }
  /** Live servers, newest first (Nova's default sort). */
  get serverList(): SortedList<DemoServer> {
    return this.once('serverList', () =>
      sorted(
        this.data.servers.filter((s) => !s.deleted),
        newestFirst,
      ),
    );
  }
  get serversByProject(): Map<string, SortedList<DemoServer>> {
    return this.once('serversByProject', () => perProject(this.serverList, (s) => s.projectId));
  }
  /** All servers incl. deleted, by (project_id, uuid): os-simple-tenant-usage's paging order. */
  get usageList(): SortedList<DemoServer> {
    return this.once('usageList', () => sorted(this.data.servers, (a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : idAsc(a, b))));
  }
  get usageByProject(): Map<string, SortedList<DemoServer>> {
    return this.once('usageByProject', () => perProject(this.usageList, (s) => s.projectId));
  }
  /** Flavors by flavor id (Nova sorts by `flavorid` ascending). */
  get flavorList(): SortedList<DemoFlavor> {
    return this.once('flavorList', () => sorted(this.data.flavors, idAsc));
  }
  /** Images not deleted, newest first. */
  get imageList(): SortedList<DemoImage> {
    return this.once('imageList', () =>
      sorted(
        this.data.images.filter((i) => !i.deleted),
        newestFirst,
      ),
    );
  }
  get volumeList(): SortedList<DemoVolume> {
    return this.once('volumeList', () => sorted(this.data.volumes, newestFirst));
  }
  get volumesByProject(): Map<string, SortedList<DemoVolume>> {
    return this.once('volumesByProject', () => perProject(this.volumeList, (v) => v.projectId));
  }
  get snapshotList(): SortedList<DemoSnapshot> {
    return this.once('snapshotList', () => sorted(this.data.snapshots, newestFirst));
  }
  get snapshotsByProject(): Map<string, SortedList<DemoSnapshot>> {
    return this.once('snapshotsByProject', () => perProject(this.snapshotList, (s) => s.projectId));
  }
  /** Neutron lists sort by id. */
  get networkList(): SortedList<DemoNetwork> {
    return this.once('networkList', () => sorted(this.data.networks, idAsc));
  }
  get subnetList(): SortedList<DemoSubnet> {
    return this.once('subnetList', () => sorted(this.data.subnets, idAsc));
  }
  get routerList(): SortedList<DemoRouter> {
    return this.once('routerList', () => sorted(this.data.routers, idAsc));
  }
  get portList(): SortedList<DemoPort> {
    return this.once('portList', () => sorted(this.data.ports, idAsc));
  }
  get portsByProject(): Map<string, SortedList<DemoPort>> {
    return this.once('portsByProject', () => perProject(this.portList, (p) => p.projectId));
  }
  get floatingIpList(): SortedList<DemoFloatingIp> {
    return this.once('floatingIpList', () => sorted(this.data.floatingIps, idAsc));
  }
  get floatingIpsByProject(): Map<string, SortedList<DemoFloatingIp>> {
    return this.once('floatingIpsByProject', () => perProject(this.floatingIpList, (f) => f.projectId));
  }
}

/** Wraps the data in lazily built indexes. */
export function buildStore(data: DemoData): DemoStore {
  return new DemoStore(data);
}

/** An empty list to stand in for a project without items. */
export function emptyList<T>(compare: Compare<T>): SortedList<T> {
  return new SortedList<T>([], compare);
}
