import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  snapshotsPageSchema,
  volumeLimitsSchema,
  volumeQuotaSetSchema,
  volumesPageSchema,
  volumesSummaryPageSchema,
  volumeVersionsSchema,
} from '../../src/adapters/openstack/block-storage/results';
import {
  availabilityZonesSchema,
  computeVersionDocumentSchema,
  flavorsPageSchema,
  hypervisorStatisticsSchema,
  hypervisorsPageSchema,
  limitsSchema,
  serverShowSchema,
  serversPageSchema,
  serversSummaryPageSchema,
  tenantUsageShowPageSchema,
  tenantUsagesPageSchema,
} from '../../src/adapters/openstack/compute/results';
import { authRequestSchema } from '../../src/adapters/openstack/identity/auth-request-body';
import { identityVersionsSchema, projectsPageSchema, tokenResponseSchema, usersPageSchema } from '../../src/adapters/openstack/identity/results';
import { imageShowSchema, imagesJsonSchemaSchema, imagesPageSchema, imageVersionsSchema } from '../../src/adapters/openstack/image/results';
import {
  floatingIpsPageSchema,
  networkShowSchema,
  networksPageSchema,
  networkVersionsSchema,
  portsPageSchema,
} from '../../src/adapters/openstack/networking/results';
import {
  inventoriesSchema,
  placementRootSchema,
  placementUsagesSchema,
  providerUsagesSchema,
  resourceProvidersSchema,
} from '../../src/adapters/openstack/placement/results';
import { allSamples, sample } from './helpers/samples';

/** Every vendored sample and the schema that reads it. */
const SCHEMAS: Record<string, z.ZodType> = {
  'cinder/limits-show-response.json': volumeLimitsSchema,
  'cinder/quotas-show-response.json': volumeQuotaSetSchema,
  'cinder/quotas-show-usage-response.json': volumeQuotaSetSchema,
  'cinder/snapshots-list-detailed-response.v3.65.json': snapshotsPageSchema,
  'cinder/versions-response.json': volumeVersionsSchema,
  'cinder/volumes-list-detailed-response.v2-legacy.json': volumesPageSchema,
  'cinder/volumes-list-detailed-response.v3.0.json': volumesPageSchema,
  'cinder/volumes-list-detailed-response.v3.65.json': volumesPageSchema,
  'cinder/volumes-list-detailed-response.v3.69.json': volumesPageSchema,
  'cinder/volumes-list-response.v3.0.json': volumesSummaryPageSchema,
  'glance/image-show-response.json': imageShowSchema,
  'glance/image-versions-response.json': imageVersionsSchema,
  'glance/images-list-response.json': imagesPageSchema,
  'glance/schemas-images-list-response.json': imagesJsonSchemaSchema,
  'keystone/auth-projects-list.get-available-project-scopes-response.json': projectsPageSchema,
  'keystone/auth-request.application-credential-id.json': authRequestSchema,
  'keystone/auth-request.application-credential-name.json': authRequestSchema,
  'keystone/auth-request.project-id-password.json': authRequestSchema,
  'keystone/auth-request.project-name-password.json': authRequestSchema,
  'keystone/auth-response.application-credential.json': tokenResponseSchema,
  'keystone/auth-response.project-scoped-13-service-catalog.auth-password-project-scoped-response.json': tokenResponseSchema,
  'keystone/auth-response.project-scoped-password.json': tokenResponseSchema,
  'keystone/projects-list-response.json': projectsPageSchema,
  'keystone/users-list-response.json': usersPageSchema,
  'keystone/versions.identity-versions-response.json': identityVersionsSchema,
  'neutron/floating-ips-list-response.json': floatingIpsPageSchema,
  'neutron/network-multi-show-response.json': networkShowSchema,
  'neutron/networks-list-response.json': networksPageSchema,
  'neutron/networks-provider-list-response.json': networksPageSchema,
  'neutron/ports-bind-list-response.json': portsPageSchema,
  'neutron/ports-list-response.json': portsPageSchema,
  'neutron/versions-list-response.json': networkVersionsSchema,
  'nova/availability-zone-detail-resp.json': availabilityZonesSchema,
  'nova/availability-zone-list-resp.json': availabilityZonesSchema,
  'nova/flavors-detail-resp.v2.1.json': flavorsPageSchema,
  'nova/flavors-detail-resp.v2.102.json': flavorsPageSchema,
  'nova/hypervisors-detail-resp.v2.1.json': hypervisorsPageSchema,
  'nova/hypervisors-detail-resp.v2.53.json': hypervisorsPageSchema,
  'nova/hypervisors-detail-resp.v2.88.json': hypervisorsPageSchema,
  'nova/hypervisors-statistics-resp.v2.1.json': hypervisorStatisticsSchema,
  'nova/limit-get-resp.v2.1.json': limitsSchema,
  'nova/limit-get-resp.v2.57.json': limitsSchema,
  'nova/server-get-down-cell-resp.v2.71.json': serverShowSchema,
  'nova/server-get-resp.v2.100.json': serverShowSchema,
  'nova/servers-details-resp.down-cell.v2.69.json': serversPageSchema,
  'nova/servers-details-resp.v2.1.json': serversPageSchema,
  'nova/servers-details-resp.v2.100.json': serversPageSchema,
  'nova/servers-details-resp.v2.47.json': serversPageSchema,
  'nova/servers-list-resp.down-cell.v2.69.json': serversSummaryPageSchema,
  'nova/servers-list-resp.v2.1.json': serversSummaryPageSchema,
  'nova/servers-list-status-resp.v2.1.json': serversSummaryPageSchema,
  'nova/simple-tenant-usage-get-all.v2.40.json': tenantUsagesPageSchema,
  'nova/simple-tenant-usage-get-detail.v2.40.json': tenantUsagesPageSchema,
  'nova/simple-tenant-usage-get-specific.v2.40.json': tenantUsageShowPageSchema,
  'nova/simple-tenant-usage-get.v2.1.json': tenantUsagesPageSchema,
  'nova/simple-tenant-usage-get.v2.40.json': tenantUsagesPageSchema,
  'nova/v21-version-get-resp.json': computeVersionDocumentSchema,
  'nova/versions-get-resp.json': computeVersionDocumentSchema,
  'placement/get-inventories.json': inventoriesSchema,
  'placement/get-resource_provider_usages.json': providerUsagesSchema,
  'placement/get-resource_providers.json': resourceProvidersSchema,
  'placement/get-root.json': placementRootSchema,
  'placement/get-usages-1.38.json': placementUsagesSchema,
  'placement/get-usages.json': placementUsagesSchema,
};

describe('OpenStack API samples', () => {
  it('has a schema for every sample file', () => {
    expect(Object.keys(SCHEMAS).sort()).toEqual(allSamples());
  });

  it.each(Object.entries(SCHEMAS))('%s parses', (file, schema) => {
    const result = schema.safeParse(sample(file));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

describe('renaming the wire format once', () => {
  const page = <S extends z.ZodType>(schema: S, file: string) => schema.parse(sample(file)) as z.output<S>;

  it('renames a 2.1 admin server and keeps its flavor reference for lookup', () => {
    const [server] = page(serversPageSchema, 'nova/servers-details-resp.v2.1.json').items;
    expect(server).toMatchObject({
      id: 'f5dc173b-6804-445a-a6d8-c705dad5b5eb',
      name: 'new-server-test',
      projectId: '6f70656e737461636b20342065766572',
      availabilityZone: 'us-west',
      host: 'c3f14e9812ad496baf92ccfb3c61e15f',
      hypervisorHostname: 'fake-mini',
      flavor: null,
      flavorRef: '1',
      imageId: '70a599e0-31e7-49b7-b260-868f441e862b',
      volumeIds: ['volume_id1', 'volume_id2'],
      launchedAt: '2013-09-23T13:53:12.774Z',
      created: '2013-09-03T04:01:32.000Z',
      partial: false,
      addresses: [{ network: 'private', addr: '192.168.1.30', version: 4, type: 'fixed', mac: '00:0c:29:0d:11:74' }],
    });
  });

  it('reads the embedded 2.47 flavor by its original name', () => {
    const [server] = page(serversPageSchema, 'nova/servers-details-resp.v2.47.json').items;
    expect(server!.flavor).toEqual({
      name: 'm1.tiny.specs',
      vcpus: 1,
      ramMb: 512,
      diskGb: 1,
      ephemeralGb: 0,
      swapMb: 0,
      extraSpecs: { 'hw:numa_nodes': '1' },
    });
    expect(server).not.toHaveProperty('flavorRef');
  });

  it('keeps a down-cell record as partial', () => {
    const [server] = page(serversPageSchema, 'nova/servers-details-resp.down-cell.v2.69.json').items;
    expect(server).toMatchObject({ id: 'b6b0410f-b65f-4473-855e-5d82a71759e0', status: 'UNKNOWN', name: '', flavor: null, partial: true });
  });

  it('turns swap "" into 0', () => {
    const flavors = page(flavorsPageSchema, 'nova/flavors-detail-resp.v2.1.json').items;
    expect(flavors.map((f) => f.swapMb)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(flavors[0]).toMatchObject({ id: '1', name: 'm1.tiny', isPublic: true });
  });

  it('renames cinder volumes: tenant attr, string bootable, naive timestamps', () => {
    const [attached, fromImage] = page(volumesPageSchema, 'cinder/volumes-list-detailed-response.v2-legacy.json').items;
    expect(attached).toMatchObject({
      projectId: 'bab7d5c60cd041a0a36f7c4b6e1dd978',
      bootable: false,
      createdAt: '2015-11-29T03:01:44.000Z',
      attachments: [{ serverId: 'f4fda93b-06e0-4743-8117-bc8bcecd651b', device: '/dev/vdb' }],
    });
    expect(fromImage!.bootable).toBe(true);
  });

  it('reads cinder quota usage with per-type keys', () => {
    const quotas = volumeQuotaSetSchema.parse(sample('cinder/quotas-show-usage-response.json'));
    expect(quotas.gigabytes).toEqual({ limit: 1000, inUse: 0, reserved: 0 });
    expect(quotas.gigabytes___DEFAULT__).toEqual({ limit: -1, inUse: 0, reserved: 0 });
    expect(quotas).not.toHaveProperty('id');
  });

  it('keeps neutron ports owned by nobody with an empty project', () => {
    const [gateway] = page(portsPageSchema, 'neutron/ports-list-response.json').items;
    expect(gateway).toMatchObject({ projectId: '', deviceOwner: 'network:router_gateway' });
  });

  it('reads floating IPs with and without a port', () => {
    const [associated, free] = page(floatingIpsPageSchema, 'neutron/floating-ips-list-response.json').items;
    expect(associated).toMatchObject({ address: '172.24.4.228', portId: 'ce705c24-c1ef-408a-bda3-7bbd946164ab', createdAt: '2016-12-21T10:55:50.000Z' });
    expect(free).toMatchObject({ portId: null, fixedIpAddress: null, routerId: null });
  });

  it('groups placement usages by consumer type from 1.38', () => {
    expect(placementUsagesSchema.parse(sample('placement/get-usages-1.38.json'))).toEqual({
      byConsumerType: {
        INSTANCE: { MEMORY_MB: 512, VCPU: 2, DISK_GB: 5 },
        MIGRATION: { DISK_GB: 5, VCPU: 2, MEMORY_MB: 512 },
        unknown: { VCPU: 2, DISK_GB: 5, MEMORY_MB: 512 },
      },
      consumerCounts: { INSTANCE: 5, MIGRATION: 2, unknown: 1 },
    });
    expect(placementUsagesSchema.parse(sample('placement/get-usages.json')).byConsumerType).toEqual({
      all: { DISK_GB: 5, MEMORY_MB: 512, VCPU: 2 },
    });
  });

  it('reads a token with its catalog, roles and naive password expiry', () => {
    const token = tokenResponseSchema.parse(sample('keystone/auth-response.project-scoped-13-service-catalog.auth-password-project-scoped-response.json'));
    expect(token.roles).toEqual(['admin']);
    expect(token.project).toEqual({ id: 'a6944d763bf64ee6a275f1263fae0352', name: 'admin', domainId: 'default' });
    expect(token.catalog.map((c) => c.type)).toContain('volumev2');
  });

  it('treats an empty tenant_usage as no usage', () => {
    expect(tenantUsageShowPageSchema.parse({ tenant_usage: {} }).items).toEqual([]);
  });
});
