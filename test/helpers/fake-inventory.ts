import type { InventorySource } from '../../src/domain/ports';
import type { Project, Server } from '../../src/domain/cloud';

/** A deterministic in-memory cloud for tests that are not about the OpenStack client. */
export function fakeInventory(projects: Project[], servers: Server[]): InventorySource {
  return {
    listProjects: async () => projects,
    listServers: async () => servers,
    listVolumes: async () => [],
    listSnapshots: async () => [],
    listFloatingIps: async () => [],
    listPorts: async () => [],
    listImages: async () => [],
    getUsage: async () => [],
    getQuotas: async () => [],
    checkAuth: async () => undefined,
  };
}

/** A server with sensible defaults. */
export function fakeServer(i: number, overrides: Partial<Server> = {}): Server {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `server-${i}`,
    projectId: 'p1',
    status: 'ACTIVE',
    powerState: 1,
    flavor: { id: 'f1', name: 'm1.small', vcpus: 1, ramMb: 2048, diskGb: 20, ephemeralGb: 0, swapMb: 0 },
    imageId: null,
    addresses: [],
    metadata: {},
    tags: [],
    created: '2026-01-01T00:00:00Z',
    volumeIds: [],
    partial: false,
    ...overrides,
  };
}
