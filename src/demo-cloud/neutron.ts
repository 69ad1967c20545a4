/**
 * Neutron (networking v2.0): networks, subnets, routers, ports and floating IPs with Neutron's
 * visibility rules (admins see every project), field filters, `fields=` selection, native
 * pagination links (`next`, `previous`, `page_reverse`) and quota details.
 */
import { createHash } from 'node:crypto';
import type { AuthContext } from './http';
import type { CloudContext, ServiceHandler } from './context';
import { parseLimit } from './context';
import type { DemoFloatingIp, DemoNetwork, DemoPort, DemoRouter, DemoSubnet } from './data';
import { serviceError } from './errors';
import { isoZ, json, naive, truthy, urlencode, withParam, type DemoRequest, type DemoResponse } from './http';
import { emptyList, type SortedList } from './store';

type Dict = Record<string, unknown>;
const neutronError = (status: number, message: string, type?: string): DemoResponse => serviceError('network', status, message, { neutronType: type });

/** Every project's `default` security group, with an id derived from the project id. */
function defaultSecurityGroupId(projectId: string): string {
  const h = createHash('md5').update(`sg:${projectId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const owned = (projectId: string): Dict => ({ tenant_id: projectId, project_id: projectId });
const common = (createdMs: number, stamp: (ms: number) => string): Dict => ({
  created_at: stamp(createdMs),
  updated_at: stamp(createdMs),
  revision_number: 1,
  tags: [],
  description: '',
});

function networkView(n: DemoNetwork, admin: boolean): Dict {
  const out: Dict = {
    admin_state_up: true,
    availability_zone_hints: [],
    availability_zones: ['nova'],
    id: n.id,
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    is_default: n.external,
    l2_adjacency: true,
    mtu: n.mtu,
    name: n.name,
    port_security_enabled: true,
    ...owned(n.projectId),
    qos_policy_id: null,
    'router:external': n.external,
    shared: n.shared,
    status: 'ACTIVE',
    subnets: n.subnetIds,
    ...common(n.createdMs, naive),
  };
  if (admin)
    Object.assign(out, {
      'provider:network_type': n.networkType,
      'provider:physical_network': n.physicalNetwork,
      'provider:segmentation_id': n.segmentationId,
    });
  return out;
}

function subnetView(s: DemoSubnet): Dict {
  return {
    id: s.id,
    name: s.name,
    network_id: s.networkId,
    ...owned(s.projectId),
    cidr: s.cidr,
    gateway_ip: s.gatewayIp,
    ip_version: 4,
    enable_dhcp: true,
    allocation_pools: [{ start: s.allocationStart, end: s.allocationEnd }],
    dns_nameservers: [],
    host_routes: [],
    ipv6_address_mode: null,
    ipv6_ra_mode: null,
    subnetpool_id: null,
    service_types: [],
    ...common(s.createdMs, naive),
  };
}

function routerView(ctx: CloudContext, r: DemoRouter, admin: boolean): Dict {
  const out: Dict = {
    id: r.id,
    name: r.name,
    ...owned(r.projectId),
    status: 'ACTIVE',
    admin_state_up: true,
    external_gateway_info: {
      network_id: r.externalNetworkId,
      enable_snat: true,
      external_fixed_ips: [{ subnet_id: ctx.store.networks.get(r.externalNetworkId)!.subnetIds[0], ip_address: r.externalIp }],
    },
    routes: [],
    availability_zone_hints: [],
    availability_zones: ['nova'],
    flavor_id: null,
    ...common(r.createdMs, naive),
  };
  if (admin) Object.assign(out, { distributed: false, ha: false });
  return out;
}

function portView(p: DemoPort, admin: boolean): Dict {
  const out: Dict = {
    admin_state_up: true,
    allowed_address_pairs: [],
    data_plane_status: null,
    device_id: p.deviceId,
    device_owner: p.deviceOwner,
    dns_assignment: p.fixedIps.map((ip) => ({
      hostname: `host-${ip.ipAddress.replace(/\./g, '-')}`,
      ip_address: ip.ipAddress,
      fqdn: `host-${ip.ipAddress.replace(/\./g, '-')}.openstacklocal.`,
    })),
    dns_domain: '',
    dns_name: '',
    extra_dhcp_opts: [],
    fixed_ips: p.fixedIps.map((ip) => ({ subnet_id: ip.subnetId, ip_address: ip.ipAddress })),
    id: p.id,
    ip_allocation: 'immediate',
    mac_address: p.macAddress,
    name: p.name,
    network_id: p.networkId,
    ...owned(p.projectId),
    port_security_enabled: p.deviceOwner.startsWith('compute:'),
    propagate_uplink_status: false,
    qos_network_policy_id: null,
    qos_policy_id: null,
    security_groups: p.deviceOwner.startsWith('compute:') ? [defaultSecurityGroupId(p.projectId)] : [],
    status: p.status,
    ...common(p.createdMs, naive),
  };
  if (admin) {
    Object.assign(out, {
      'binding:host_id': p.bindingHostId,
      'binding:profile': {},
      'binding:vif_details': p.bindingHostId ? { port_filter: true, ovs_hybrid_plug: false } : {},
      'binding:vif_type': p.bindingHostId ? 'ovs' : 'unbound',
      'binding:vnic_type': 'normal',
    });
  }
  return out;
}

function floatingIpView(ctx: CloudContext, f: DemoFloatingIp): Dict {
  const port = f.portId ? ctx.store.ports.get(f.portId) : undefined;
  return {
    id: f.id,
    ...owned(f.projectId),
    floating_ip_address: f.address,
    floating_network_id: f.floatingNetworkId,
    router_id: f.routerId,
    port_id: f.portId,
    fixed_ip_address: f.fixedIpAddress,
    status: f.status,
    description: f.description,
    dns_domain: '',
    dns_name: '',
    port_details: port
      ? {
          name: port.name,
          network_id: port.networkId,
          mac_address: port.macAddress,
          admin_state_up: true,
          status: port.status,
          device_id: port.deviceId,
          device_owner: port.deviceOwner,
        }
      : null,
    port_forwardings: [],
    qos_network_policy_id: null,
    qos_policy_id: null,
    created_at: isoZ(f.createdMs),
    updated_at: isoZ(f.updatedMs),
    revision_number: 1,
    tags: [],
  };
}

interface Collection<T extends { id: string }> {
  /** Plural key, e.g. `floatingips`. */
  key: string;
  /** Singular key, e.g. `floatingip`. */
  one: string;
  notFound: [type: string, message: (id: string) => string];
  list: SortedList<T>;
  byProject?: Map<string, SortedList<T>>;
  byId: Map<string, T>;
  visible: (item: T, auth: AuthContext) => boolean;
  view: (item: T, admin: boolean) => Dict;
}

const FILTER_SKIP = new Set(['limit', 'marker', 'page_reverse', 'fields', 'sort_key', 'sort_dir']);

/** Neutron filters compare rendered fields; repeated parameters mean "any of". */
function filterFromQuery<T>(query: URLSearchParams, view: (t: T) => Dict): ((t: T) => boolean) | null {
  const keys = [...new Set([...query.keys()].filter((k) => !FILTER_SKIP.has(k)))];
  if (keys.length === 0) return null;
  return (item) => {
    const rendered = view(item);
    return keys.every((k) => {
      if (!(k in rendered)) return true;
      const actual = rendered[k];
      return query.getAll(k).some((wanted) => (typeof actual === 'boolean' ? actual === truthy(wanted) : String(actual) === wanted));
    });
  };
}

function selectFields(query: URLSearchParams, item: Dict): Dict {
  const fields = query.getAll('fields');
  return fields.length === 0 ? item : Object.fromEntries(fields.filter((f) => f in item).map((f) => [f, item[f]]));
}

function listNeutron<T extends { id: string }>(req: DemoRequest, ctx: CloudContext, c: Collection<T>): DemoResponse {
  const auth = req.auth!;
  const admin = auth.isAdmin;
  const source = !admin && c.byProject ? (c.byProject.get(auth.projectId ?? '') ?? emptyList(c.list.compare)) : c.list;
  const parsed = parseLimit(req.query.get('limit'), ctx.maxLimit);
  if (!parsed.ok) return neutronError(400, `Bad limit request: ${parsed.message}.`);
  const { limit } = parsed;
  const reverse = truthy(req.query.get('page_reverse'));
  const markerId = req.query.get('marker');
  let marker: T | undefined;
  if (markerId) {
    marker = c.byId.get(markerId);
    if (!marker) return neutronError(404, c.notFound[1](markerId), c.notFound[0]);
  }
  const matches = filterFromQuery(req.query, (t: T) => c.view(t, admin));
  const filter = (t: T): boolean => c.visible(t, auth) && (!matches || matches(t));
  const page = reverse
    ? source.takeBefore(marker ? source.before(marker) : source.items.length, limit, filter)
    : source.take(marker ? source.after(marker) : 0, limit, filter);
  const body: Dict = { [c.key]: page.map((t) => selectFields(req.query, c.view(t, admin))) };
  if (limit > 0 && page.length > 0) {
    const href = (id: string, pageReverse: boolean): string => {
      let pairs = withParam(req.query, 'marker', id);
      pairs = pageReverse ? [...pairs.filter(([k]) => k !== 'page_reverse'), ['page_reverse', 'True']] : pairs.filter(([k]) => k !== 'page_reverse');
      return `${req.serviceUrl}${req.path}?${urlencode(pairs)}`;
    };
    const links: Dict[] = [];
    if (reverse || page.length === limit) links.push({ rel: 'next', href: href(page[page.length - 1].id, false) });
    if (!reverse || page.length === limit) links.push({ rel: 'previous', href: href(page[0].id, true) });
    body[`${c.key}_links`] = links;
  }
  return json(200, body);
}

type AnyCollection = Collection<{ id: string }>;

/** Erases the item type so collections of different records share one table. */
function erase<T extends { id: string }>(c: Collection<T>): AnyCollection {
  return c as unknown as AnyCollection;
}

function collections(ctx: CloudContext): Record<string, AnyCollection> {
  const { store } = ctx;
  const networkVisible = (n: DemoNetwork, auth: AuthContext): boolean => auth.isAdmin || n.projectId === auth.projectId || n.shared || n.external;
  const own = (item: { projectId: string }, auth: AuthContext): boolean => auth.isAdmin || item.projectId === auth.projectId;
  return {
    networks: erase<DemoNetwork>({
      key: 'networks',
      one: 'network',
      notFound: ['NetworkNotFound', (id) => `Network ${id} could not be found.`],
      list: store.networkList,
      byId: store.networks,
      visible: networkVisible,
      view: networkView,
    }),
    subnets: erase<DemoSubnet>({
      key: 'subnets',
      one: 'subnet',
      notFound: ['SubnetNotFound', (id) => `Subnet ${id} could not be found.`],
      list: store.subnetList,
      byId: store.subnets,
      visible: (s, auth) => networkVisible(store.networks.get(s.networkId)!, auth),
      view: subnetView,
    }),
    routers: erase<DemoRouter>({
      key: 'routers',
      one: 'router',
      notFound: ['RouterNotFound', (id) => `Router ${id} could not be found.`],
      list: store.routerList,
      byId: store.routers,
      visible: own,
      view: (r, admin) => routerView(ctx, r, admin),
    }),
    ports: erase<DemoPort>({
      key: 'ports',
      one: 'port',
      notFound: ['PortNotFound', (id) => `Port ${id} could not be found.`],
      list: store.portList,
      byProject: store.portsByProject,
      byId: store.ports,
      visible: own,
      view: portView,
    }),
    floatingips: erase<DemoFloatingIp>({
      key: 'floatingips',
      one: 'floatingip',
      notFound: ['FloatingIPNotFound', (id) => `Floating IP ${id} could not be found`],
      list: store.floatingIpList,
      byProject: store.floatingIpsByProject,
      byId: store.floatingIps,
      visible: own,
      view: (f) => floatingIpView(ctx, f),
    }),
  };
}

const DEFAULT_NETWORK_QUOTA = {
  floatingip: 50,
  network: 100,
  port: 500,
  router: 10,
  subnet: 100,
  security_group: 10,
  security_group_rule: 100,
  rbac_policy: 10,
  subnetpool: -1,
};

function quotas(req: DemoRequest, ctx: CloudContext, seg: string[]): DemoResponse {
  const auth = req.auth!;
  const { store } = ctx;
  if (seg.length === 1) {
    if (!auth.isAdmin) return neutronError(403, 'Only admin can view or configure quota', 'AdminRequired');
    return json(200, { quotas: store.data.quotas.map((q) => ({ ...q.network, ...owned(q.projectId) })) });
  }
  const projectId = seg[1];
  if (!auth.isAdmin && projectId !== auth.projectId) return neutronError(403, 'Only admin is authorized to access quotas for another tenant', 'AdminRequired');
  const limits = seg[2] === 'default' ? DEFAULT_NETWORK_QUOTA : (store.quotas.get(projectId)?.network ?? DEFAULT_NETWORK_QUOTA);
  if (seg.length === 2 || seg[2] === 'default') return json(200, { quota: limits });
  if (seg.length !== 3 || seg[2] !== 'details') return neutronError(404, 'The resource could not be found.');
  const count = <T extends { projectId: string }>(items: T[]): number => items.filter((i) => i.projectId === projectId).length;
  const known = store.projects.has(projectId);
  const used: Record<string, number> = {
    floatingip: store.floatingIpsByProject.get(projectId)?.items.length ?? 0,
    network: count(store.data.networks),
    port: store.portsByProject.get(projectId)?.items.length ?? 0,
    router: count(store.data.routers),
    subnet: count(store.data.subnets),
    security_group: known ? 1 : 0,
    security_group_rule: known ? 4 : 0,
  };
  return json(200, { quota: Object.fromEntries(Object.entries(limits).map(([k, limit]) => [k, { used: used[k] ?? 0, limit, reserved: 0 }])) });
}

/** True for Neutron's version document, which needs no token. */
export function neutronIsPublic(req: Pick<DemoRequest, 'path'>): boolean {
  return req.path === '';
}

/** Handles everything under `/network`. */
export const neutron: ServiceHandler = (req, ctx) => {
  if (req.path === '') return json(200, { versions: [{ status: 'CURRENT', id: 'v2.0', links: [{ href: `${ctx.baseUrl}/network/v2.0/`, rel: 'self' }] }] });
  if (req.segments[0] !== 'v2.0') return neutronError(404, 'The resource could not be found.');
  if (req.method !== 'GET') return neutronError(405, 'The method is not allowed for the requested URL.');
  // Old clients append .json to the resource.
  const seg = req.segments.slice(1).map((s, i, all) => (i === all.length - 1 ? s.replace(/\.json$/, '') : s));
  const all = collections(ctx);
  if (seg.length === 0) {
    return json(200, {
      resources: Object.values(all).map((c) => ({ name: c.one, collection: c.key, links: [{ href: `${ctx.baseUrl}/network/v2.0/${c.key}`, rel: 'self' }] })),
    });
  }
  if (seg[0] === 'quotas') return quotas(req, ctx, seg);
  if (seg[0] === 'extensions' && seg.length === 1) {
    const aliases = [
      'router',
      'external-net',
      'quotas',
      'quota_details',
      'pagination',
      'sorting',
      'project-id',
      'standard-attr-timestamp',
      'fip-port-details',
      'binding',
    ];
    return json(200, { extensions: aliases.map((alias) => ({ alias, name: alias, description: alias, updated: '2024-01-01T00:00:00-00:00', links: [] })) });
  }
  const c = all[seg[0]];
  if (!c) return neutronError(404, 'The resource could not be found.');
  if (seg.length === 1) return listNeutron(req, ctx, c);
  const item = c.byId.get(seg[1]);
  if (seg.length === 2 && item && c.visible(item, req.auth!)) return json(200, { [c.one]: selectFields(req.query, c.view(item, req.auth!.isAdmin)) });
  if (seg.length === 2) return neutronError(404, c.notFound[1](seg[1]), c.notFound[0]);
  return neutronError(404, 'The resource could not be found.');
};
