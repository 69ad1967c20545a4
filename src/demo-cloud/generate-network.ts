/**
 * Generates Neutron's topology: the external `public` network and, per project, a private
 * network, subnet and router with their DHCP, interface and gateway ports. Hands out fixed and
 * floating addresses to the server generator.
 */
import type { DemoNetwork, DemoPort, DemoProject, DemoRouter, DemoSubnet } from './data';
import type { Prng } from './prng';

const DAY = 86_400_000;

/** Dotted quad of a 32-bit address. */
export function ipToString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A MAC address in OpenStack's fa:16:3e range. */
export function macAddress(rng: Prng): string {
  return `fa:16:3e:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`;
}

/** One project's private network, and the next free address in it. */
export interface ProjectNet {
  network: DemoNetwork;
  subnet: DemoSubnet;
  router: DemoRouter;
  next: number;
  last: number;
}

/** The generated topology and address allocators. */
export interface NetworkPlan {
  networks: DemoNetwork[];
  subnets: DemoSubnet[];
  routers: DemoRouter[];
  ports: DemoPort[];
  publicNetwork: DemoNetwork;
  byProject: Map<string, ProjectNet>;
  /** Next free fixed address of a project. */
  allocateFixed(projectId: string): string;
  /** Next free address of the floating pool. */
  allocateFloating(): string;
}

const TEN = 10 << 24;
const FLOATING_BASE = ((172 << 24) | (24 << 16)) >>> 0;

/**
 * Each project gets a block of 10.0.0.0/8 sized for its busiest project, so 50k servers in a
 * few projects or 500 small projects both fit without overlapping.
 */
export function generateNetworks(rng: Prng, nowMs: number, projects: DemoProject[], maxServersPerProject: number): NetworkPlan {
  let block = 256;
  while (block < maxServersPerProject + 16) block *= 2;
  if (block * projects.length > 1 << 24) throw new Error(`demo cloud: ${projects.length} projects of ${block} addresses do not fit in 10.0.0.0/8`);
  const prefix = 32 - Math.log2(block);
  const adminId = projects[0].id;
  const created = nowMs - 800 * DAY;

  const publicSubnetId = rng.uuid();
  const publicNetwork: DemoNetwork = {
    id: rng.uuid(),
    name: 'public',
    projectId: adminId,
    external: true,
    shared: false,
    subnetIds: [publicSubnetId],
    mtu: 1500,
    networkType: 'flat',
    physicalNetwork: 'physnet-public',
    segmentationId: null,
    createdMs: created,
  };
  const publicSubnet: DemoSubnet = {
    id: publicSubnetId,
    name: 'public-subnet',
    networkId: publicNetwork.id,
    projectId: adminId,
    cidr: '172.24.0.0/14',
    gatewayIp: '172.24.0.1',
    allocationStart: '172.24.4.1',
    allocationEnd: '172.27.255.254',
    createdMs: created,
  };
  let floatingNext = FLOATING_BASE + 4 * 256 + 1;
  const allocateFloating = (): string => ipToString(floatingNext++);

  const networks = [publicNetwork];
  const subnets = [publicSubnet];
  const routers: DemoRouter[] = [];
  const ports: DemoPort[] = [];
  const byProject = new Map<string, ProjectNet>();

  projects.forEach((project, k) => {
    const base = (TEN + k * block) >>> 0;
    const createdMs = created + k * 3_600_000;
    const subnetId = rng.uuid();
    const network: DemoNetwork = {
      id: rng.uuid(),
      name: 'private',
      projectId: project.id,
      external: false,
      shared: false,
      subnetIds: [subnetId],
      mtu: 1450,
      networkType: 'vxlan',
      physicalNetwork: null,
      segmentationId: 1000 + k,
      createdMs,
    };
    const subnet: DemoSubnet = {
      id: subnetId,
      name: 'private-subnet',
      networkId: network.id,
      projectId: project.id,
      cidr: `${ipToString(base)}/${prefix}`,
      gatewayIp: ipToString(base + 1),
      allocationStart: ipToString(base + 2),
      allocationEnd: ipToString(base + block - 2),
      createdMs,
    };
    const router: DemoRouter = {
      id: rng.uuid(),
      name: 'router1',
      projectId: project.id,
      externalNetworkId: publicNetwork.id,
      externalIp: allocateFloating(),
      createdMs,
    };
    const port = (deviceOwner: string, deviceId: string, networkId: string, subnet: string, ip: string, projectId: string): DemoPort => ({
      id: rng.uuid(),
      name: '',
      projectId,
      networkId,
      deviceId,
      deviceOwner,
      status: 'ACTIVE',
      macAddress: macAddress(rng),
      fixedIps: [{ subnetId: subnet, ipAddress: ip }],
      bindingHostId: 'network-0001',
      createdMs,
    });
    ports.push(
      port('network:dhcp', `dhcp${rng.hex(32)}-${network.id}`, network.id, subnetId, ipToString(base + 2), project.id),
      port('network:router_interface', router.id, network.id, subnetId, subnet.gatewayIp, project.id),
      // Neutron leaves the project of router gateway ports empty.
      port('network:router_gateway', router.id, publicNetwork.id, publicSubnetId, router.externalIp, ''),
    );
    networks.push(network);
    subnets.push(subnet);
    routers.push(router);
    byProject.set(project.id, { network, subnet, router, next: base + 10, last: base + block - 2 });
  });

  return {
    networks,
    subnets,
    routers,
    ports,
    publicNetwork,
    byProject,
    allocateFixed: (projectId) => {
      const net = byProject.get(projectId);
      if (!net || net.next > net.last) throw new Error(`demo cloud: no free address for project ${projectId}`);
      return ipToString(net.next++);
    },
    allocateFloating,
  };
}
