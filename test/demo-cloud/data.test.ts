import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateDemoData } from '../../src/demo-cloud/generate';
import { startDemoCloud } from '../../src/demo-cloud/index';

const NOW = new Date('2025-06-15T12:00:00Z');
const DAY = 86_400_000;

describe('demo cloud data', () => {
  const data = generateDemoData({ seed: 42, servers: 60, projects: 6, now: NOW });
  const live = data.servers.filter((s) => !s.deleted);

  it('is the same for the same seed and differs for another', () => {
    const again = generateDemoData({ seed: 42, servers: 60, projects: 6, now: NOW });
    const other = generateDemoData({ seed: 43, servers: 60, projects: 6, now: NOW });

    expect(again.servers.map((s) => s.id)).toEqual(data.servers.map((s) => s.id));
    expect(again.projects.map((p) => p.id)).toEqual(data.projects.map((p) => p.id));
    expect(other.servers[0].id).not.toBe(data.servers[0].id);
  });

  it('shapes ids like the real services', () => {
    for (const p of data.projects) expect(p.id).toMatch(/^[0-9a-f]{32}$/);
    for (const s of data.servers) expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('covers every common status, boot from volume, floating IPs and a deleted flavor', () => {
    expect(new Set(live.map((s) => s.status))).toEqual(new Set(['ACTIVE', 'SHUTOFF', 'PAUSED', 'SUSPENDED', 'ERROR', 'SHELVED_OFFLOADED']));
    expect(live).toHaveLength(60);
    const bfv = live.filter((s) => s.imageId === null);
    expect(bfv.length).toBeGreaterThan(0);
    for (const s of bfv)
      expect(data.volumes.find((v) => v.id === s.volumeIds[0])).toMatchObject({
        bootable: true,
        attachments: [expect.objectContaining({ device: '/dev/vda', serverId: s.id })],
      });
    expect(live.some((s) => s.addresses.some((a) => a.type === 'floating'))).toBe(true);
    const retired = data.flavors.find((f) => f.deleted)!;
    expect(live.some((s) => s.flavorId === retired.id)).toBe(true);
    expect(data.flavors.some((f) => !f.isPublic && f.accessProjectIds.length > 0)).toBe(true);
    expect(live.some((s) => s.status === 'ERROR' && s.launchedMs === null)).toBe(true);
    expect(live.filter((s) => s.status === 'SHELVED_OFFLOADED').every((s) => s.host === null)).toBe(true);
  });

  it('keeps history: deleted servers in past months and long-idle SHUTOFF servers', () => {
    const deleted = data.servers.filter((s) => s.deleted);
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((s) => s.terminatedMs! < NOW.getTime() && s.launchedMs! < s.terminatedMs!)).toBe(true);
    expect(deleted.some((s) => s.terminatedMs! < NOW.getTime() - 30 * DAY)).toBe(true);
    expect(live.some((s) => s.status === 'SHUTOFF' && s.updatedMs < NOW.getTime() - 90 * DAY)).toBe(true);
  });

  it('has awkward names: HTML, accents, Arabic, Japanese and a duplicate in one project', () => {
    const names = live.map((s) => s.name);
    expect(names.some((n) => n.includes('<script>'))).toBe(true);
    expect(names.some((n) => /é/.test(n))).toBe(true);
    expect(names.some((n) => /[\u0600-\u06ff]/.test(n))).toBe(true);
    expect(names.some((n) => /[\u3040-\u30ff]/.test(n))).toBe(true);
    const duplicates = live.filter((s) => s.name === 'duplicate-name');
    expect(duplicates).toHaveLength(2);
    expect(duplicates[0].projectId).toBe(duplicates[1].projectId);
    expect(data.projects.some((p) => p.name.includes('&'))).toBe(true);
  });

  it('has volumes attached and not, snapshots, and floating IPs associated and not', () => {
    expect(data.volumes.some((v) => v.attachments.length === 0)).toBe(true);
    expect(data.volumes.some((v) => v.multiattach && v.attachments.length === 2)).toBe(true);
    expect(data.snapshots.length).toBeGreaterThan(0);
    expect(data.floatingIps.some((f) => f.portId === null)).toBe(true);
    expect(data.floatingIps.some((f) => f.portId !== null)).toBe(true);
    expect(data.ports.some((p) => p.projectId === '' && p.deviceOwner === 'network:router_gateway')).toBe(true);
  });

  it('gives random passwords per start unless fixed, and a clouds.yaml for each user', async () => {
    const a = await startDemoCloud({ servers: 5 });
    const b = await startDemoCloud({ servers: 5, adminPassword: 'fixed-for-test' });
    await Promise.all([a.close(), b.close()]);

    expect(a.admin.password).not.toBe(b.admin.password);
    expect(b.admin.password).toBe('fixed-for-test');
    expect(a.member).toMatchObject({ username: 'demo', projectName: 'demo', userDomainName: 'Default', projectDomainName: 'Default' });
    const yaml = parse(a.cloudsYaml('lab', 'member'));
    expect(yaml.clouds.lab.auth).toEqual({
      auth_url: a.authUrl,
      username: a.member.username,
      password: a.member.password,
      project_name: 'demo',
      user_domain_name: 'Default',
      project_domain_name: 'Default',
    });
    expect(yaml.clouds.lab.region_name).toBe('RegionOne');
  });

  it('defaults now to the current time truncated to the hour', async () => {
    const cloud = await startDemoCloud({ servers: 5 });
    await cloud.close();

    expect(cloud.data.now.getTime() % 3_600_000).toBe(0);
    expect(Date.now() - cloud.data.now.getTime()).toBeLessThan(3_600_000 + 60_000);
  });
});
