import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { call, login } from './helpers';

describe('demo cloud Cinder, Neutron and Glance', () => {
  let cloud: DemoCloud;
  let admin: string;
  let member: string;
  let adminProject: string;
  let memberProject: string;

  beforeAll(async () => {
    cloud = await startDemoCloud();
    admin = (await login(cloud, 'admin')).token;
    member = (await login(cloud, 'member')).token;
    adminProject = cloud.data.projects.find((p) => p.isAdminProject)!.id;
    memberProject = cloud.data.projects.find((p) => p.name === cloud.member.projectName)!.id;
  });
  afterAll(() => cloud.close());

  it.each([
    [
      'Nova',
      '/compute/v2.1/servers/00000000-0000-4000-8000-000000000000',
      { itemNotFound: { code: 404, message: 'Instance 00000000-0000-4000-8000-000000000000 could not be found.' } },
    ],
    [
      'Cinder',
      '/volume/v3/volumes/00000000-0000-4000-8000-000000000000',
      { itemNotFound: { code: 404, message: 'Volume 00000000-0000-4000-8000-000000000000 could not be found.' } },
    ],
    [
      'Neutron',
      '/network/v2.0/floatingips/00000000-0000-4000-8000-000000000000',
      { NeutronError: { type: 'FloatingIPNotFound', message: 'Floating IP 00000000-0000-4000-8000-000000000000 could not be found', detail: '' } },
    ],
    [
      'Glance (JSON)',
      '/image/v2/images/00000000-0000-4000-8000-000000000000',
      { message: 'No image found with ID 00000000-0000-4000-8000-000000000000', code: '404 Not Found', title: 'Not Found' },
    ],
    ['Keystone', '/identity/v3/projects/0000', { error: { code: 404, title: 'Not Found', message: 'Could not find project: 0000.' } }],
  ])('answers 404 in %s’s own format', async (_service, path, body) => {
    const reply = await call(cloud, path, { token: admin, headers: { Accept: 'application/json' } });

    expect(reply.status).toBe(404);
    expect(reply.body).toEqual(body);
    expect(reply.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
  });

  it('renders Glance errors as HTML unless JSON is asked for, as webob does', async () => {
    const reply = await call(cloud, '/image/v2/images/nope', { token: admin });

    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain('text/html');
    expect(reply.text).toContain('<h1>404 Not Found</h1>');
  });

  it('shows os-vol-tenant-attr:tenant_id and attachment hosts to admins only', async () => {
    const adminView = await call(cloud, `/volume/v3/${adminProject}/volumes/detail?all_tenants=1`, { token: admin });
    const memberView = await call(cloud, `/volume/v3/${memberProject}/volumes/detail?all_tenants=1`, { token: member });

    expect(adminView.body.volumes).toHaveLength(cloud.data.volumes.length);
    expect(adminView.body.volumes.every((v: Record<string, unknown>) => typeof v['os-vol-tenant-attr:tenant_id'] === 'string')).toBe(true);
    expect(memberView.body.volumes).toHaveLength(cloud.data.volumes.filter((v) => v.projectId === memberProject).length);
    for (const volume of memberView.body.volumes) {
      expect(volume).not.toHaveProperty('os-vol-tenant-attr:tenant_id');
      expect(volume).not.toHaveProperty('os-vol-host-attr:host');
      for (const a of volume.attachments) expect(a.host_name).toBeNull();
    }
  });

  it('renders attachments with the volume id as id and bootable as a string', async () => {
    const reply = await call(cloud, `/volume/v3/${adminProject}/volumes/detail?all_tenants=1`, {
      token: admin,
      headers: { 'OpenStack-API-Version': 'volume 3.69' },
    });

    const attached = reply.body.volumes.find((v: { attachments: unknown[] }) => v.attachments.length > 0);
    expect(reply.headers.get('openstack-api-version')).toBe('volume 3.69');
    expect(attached.attachments[0]).toMatchObject({
      id: attached.id,
      volume_id: attached.id,
      attachment_id: expect.any(String),
      server_id: expect.any(String),
    });
    expect(['true', 'false']).toContain(attached.bootable);
    expect(attached.shared_targets).toBeNull();
  });

  it('reports Cinder quota usage with ?usage=True', async () => {
    const volumes = cloud.data.volumes.filter((v) => v.projectId === memberProject);

    const reply = await call(cloud, `/volume/v3/${memberProject}/os-quota-sets/${memberProject}?usage=True`, { token: member });

    expect(reply.body.quota_set.id).toBe(memberProject);
    expect(reply.body.quota_set.volumes).toEqual({ in_use: volumes.length, limit: expect.any(Number), reserved: 0 });
    expect(reply.body.quota_set.gigabytes___ssd.limit).toBe(-1);
  });

  it('lists floating IPs associated and not, and scopes members to their project', async () => {
    const all = await call(cloud, '/network/v2.0/floatingips', { token: admin });
    const own = await call(cloud, '/network/v2.0/floatingips', { token: member });

    const fips = all.body.floatingips as {
      port_id: string | null;
      router_id: string | null;
      fixed_ip_address: string | null;
      port_details: unknown;
      project_id: string;
    }[];
    expect(fips).toHaveLength(cloud.data.floatingIps.length);
    expect(fips.some((f) => f.port_id === null && f.router_id === null && f.fixed_ip_address === null && f.port_details === null)).toBe(true);
    expect(fips.some((f) => f.port_id !== null && f.port_details !== null)).toBe(true);
    expect(own.body.floatingips.every((f: { project_id: string }) => f.project_id === memberProject)).toBe(true);
  });

  it('reports Neutron quota details', async () => {
    const reply = await call(cloud, `/network/v2.0/quotas/${memberProject}/details`, { token: member });

    expect(reply.body.quota.floatingip).toEqual({
      used: cloud.data.floatingIps.filter((f) => f.projectId === memberProject).length,
      limit: expect.any(Number),
      reserved: 0,
    });
  });

  it('keeps other projects’ private images from members', async () => {
    const reply = await call(cloud, '/image/v2/images', { token: member });

    for (const image of reply.body.images) expect(image.visibility === 'public' || image.owner === memberProject).toBe(true);
    expect(reply.body.images.some((i: { name: string | null }) => i.name === null)).toBe(true);
  });
});
