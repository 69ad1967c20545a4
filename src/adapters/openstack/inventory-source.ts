import type { FloatingIp, Image, Period, Port, Project, ProjectQuota, ProjectScope, ProjectUsage, Server, Snapshot, Volume } from '../../domain/cloud';
import type { InventorySource } from '../../domain/ports';
import { OpenStackClient } from './client';
import type { OpenStackClientOptions } from './client-options';
import type { CloudConfig } from './config/cloud-config';
import { getQuotas } from './inventory/get-quotas';
import { getUsage } from './inventory/get-usage';
import { listFloatingIps, listPorts } from './inventory/list-network';
import { listServers } from './inventory/list-servers';
import { listSnapshots, listVolumes } from './inventory/list-volumes';

/**
 * The `InventorySource` port over a real OpenStack cloud (Keystone v3, Nova, Cinder, Neutron,
 * Glance). Every list is complete or the call throws an `OpenStackHttpError`,
 * `OpenStackNetworkError` or `OpenStackTimeoutError` whose `retryable` tells the worker what to do.
 */
export class OpenStackInventorySource implements InventorySource {
  readonly client: OpenStackClient;

  constructor(client: OpenStackClient) {
    this.client = client;
  }

  /** All projects for an admin (`/v3/projects`), else those the user may scope to (`/v3/auth/projects`). */
  listProjects(): Promise<Project[]> {
    return this.client.projects();
  }

  listServers(scope: ProjectScope): Promise<Server[]> {
    return listServers(this.client, scope);
  }

  listVolumes(scope: ProjectScope): Promise<Volume[]> {
    return listVolumes(this.client, scope);
  }

  listSnapshots(scope: ProjectScope): Promise<Snapshot[]> {
    return listSnapshots(this.client, scope);
  }

  listFloatingIps(scope: ProjectScope): Promise<FloatingIp[]> {
    return listFloatingIps(this.client, scope);
  }

  listPorts(scope: ProjectScope): Promise<Port[]> {
    return listPorts(this.client, scope);
  }

  listImages(): Promise<Image[]> {
    return this.client.images();
  }

  getUsage(scope: ProjectScope, period: Period): Promise<ProjectUsage[]> {
    return getUsage(this.client, scope, period);
  }

  getQuotas(projectIds: string[]): Promise<ProjectQuota[]> {
    return getQuotas(this.client, projectIds);
  }

  async checkAuth(): Promise<void> {
    await this.client.authenticate();
  }
}

/** Builds the client and the inventory source over it in one go. */
export function createInventorySource(config: CloudConfig, options?: OpenStackClientOptions): InventorySource {
  return new OpenStackInventorySource(new OpenStackClient(config, options));
}
