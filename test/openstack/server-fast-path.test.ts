import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSchema, serversPageSchema, toParsedServer } from '../../src/adapters/openstack/compute/results';
import { isWireServer } from '../../src/adapters/openstack/compute/server-fast-path';
import { startDemoCloud, type DemoCloud } from '../../src/demo-cloud/index';
import { call, login } from '../demo-cloud/helpers';
import { sample } from './helpers/samples';

type Json = Record<string, unknown>;

const SERVER_SAMPLES = [
  'nova/servers-details-resp.v2.1.json',
  'nova/servers-details-resp.v2.47.json',
  'nova/servers-details-resp.v2.100.json',
  'nova/servers-details-resp.down-cell.v2.69.json',
];
const officialServers = (): Json[] => [
  ...SERVER_SAMPLES.flatMap((file) => sample<{ servers: Json[] }>(file).servers),
  sample<{ server: Json }>('nova/server-get-resp.v2.100.json').server,
  sample<{ server: Json }>('nova/server-get-down-cell-resp.v2.71.json').server,
];

/** Values of every JSON kind, each put in place of each field below. */
const REPLACEMENTS: unknown[] = [undefined, null, '', 'x', 0, 2.5, -1, true, false, [], ['x'], [1], {}, { id: 'x' }, { id: 1 }, [{ id: 'x' }], [{}]];

/** Where a mutation lands: top-level keys, then keys inside the nested shapes the checker walks. */
function mutationSites(server: Json): string[][] {
  const sites: string[][] = Object.keys(server).map((k) => [k]);
  for (const k of ['name', 'tenant_id', 'flavor', 'image', 'addresses', 'metadata', 'tags', 'OS-SRV-USG:launched_at']) sites.push([k]);
  const flavor = server.flavor as Json | undefined;
  if (flavor && typeof flavor === 'object') {
    for (const k of ['id', 'links', 'original_name', 'vcpus', 'ram', 'disk', 'ephemeral', 'swap', 'extra_specs']) sites.push(['flavor', k]);
    if (flavor.extra_specs) sites.push(['flavor', 'extra_specs', Object.keys(flavor.extra_specs as Json)[0] ?? 'k']);
    if (Array.isArray(flavor.links)) sites.push(['flavor', 'links', '0'], ['flavor', 'links', '0', 'href'], ['flavor', 'links', '0', 'rel']);
  }
  const addresses = server.addresses as Record<string, Json[]> | undefined;
  for (const network of Object.keys(addresses ?? {})) {
    sites.push(['addresses', network], ['addresses', network, '0']);
    for (const k of ['addr', 'version', 'OS-EXT-IPS:type', 'OS-EXT-IPS-MAC:mac_addr']) sites.push(['addresses', network, '0', k]);
  }
  if (server.image && typeof server.image === 'object') sites.push(['image', 'id']);
  if (Array.isArray(server['os-extended-volumes:volumes_attached'])) {
    sites.push(['os-extended-volumes:volumes_attached', '0'], ['os-extended-volumes:volumes_attached', '0', 'id']);
  }
  if (Array.isArray(server.tags)) sites.push(['tags', '0']);
  return sites;
}

function mutate(server: Json, path: string[], value: unknown): Json {
  const copy = structuredClone(server);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof at[key] !== 'object' || at[key] === null) return copy;
    at = at[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

describe('the hand-written server check', () => {
  it('takes every official sample server and renames it exactly as zod does', () => {
    const servers = officialServers();
    expect(servers.length).toBeGreaterThanOrEqual(6);
    for (const raw of servers) {
      expect(isWireServer(raw), String(raw.id)).toBe(true);
      expect(toParsedServer(raw as never)).toEqual(serverSchema.parse(raw));
    }
  });

  it('never accepts what zod refuses, and agrees on the result when both accept (mutations of every sample)', () => {
    let accepted = 0;
    let refused = 0;
    for (const server of officialServers()) {
      for (const site of mutationSites(server)) {
        for (const value of REPLACEMENTS) {
          const raw = mutate(server, site, value);
          const zod = serverSchema.safeParse(raw);
          if (!isWireServer(raw)) {
            refused++;
            continue;
          }
          accepted++;
          expect(zod.error?.issues ?? [], `${site.join('.')} = ${JSON.stringify(value)}`).toEqual([]);
          expect(toParsedServer(raw), `${site.join('.')} = ${JSON.stringify(value)}`).toEqual(zod.data);
        }
      }
    }
    // Both branches were exercised many times over.
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(2000);
  });

  it('refuses a reference flavor that also carries a malformed original_name, which zod reads as a reference', () => {
    const raw = { id: 's1', status: 'ACTIVE', flavor: { id: 'f1', original_name: 7 } };

    expect(isWireServer(raw)).toBe(false);
    expect(serverSchema.parse(raw)).toMatchObject({ flavor: null, flavorRef: 'f1' });
  });

  it('reports a bad server of a page by its index and field, through zod', () => {
    const page = sample<{ servers: Json[] }>('nova/servers-details-resp.v2.100.json');
    const bad = { ...page, servers: [...page.servers, { ...page.servers[0], id: 'broken', status: 42 }] };

    const result = serversPageSchema.safeParse(bad);

    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      `servers.${page.servers.length}.status: Invalid input: expected string, received number`,
    ]);
  });

  describe('on the demo cloud', () => {
    let cloud: DemoCloud;
    let token: string;
    beforeAll(async () => {
      cloud = await startDemoCloud({ servers: 300, projects: 12 });
      token = (await login(cloud, 'admin')).token;
    });
    afterAll(() => cloud.close());

    it.each(['2.1', '2.47', '2.100'])('takes the fast path for every server at %s', async (version) => {
      const reply = await call(cloud, '/compute/v2.1/servers/detail?all_tenants=1', {
        token,
        headers: { 'OpenStack-API-Version': `compute ${version}` },
      });
      const servers = reply.body.servers as Json[];

      expect(servers).toHaveLength(300);
      expect(servers.filter((s) => !isWireServer(s)).map((s) => s.id)).toEqual([]);
      expect(servers.map((s) => toParsedServer(s as never))).toEqual(servers.map((s) => serverSchema.parse(s)));
    });
  });
});
