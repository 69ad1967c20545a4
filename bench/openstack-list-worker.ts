/**
 * One measured run of our client, in its own process so its peak RSS is its own: reads the cloud
 * like the CLI (OS_CLIENT_CONFIG_FILE + OS_CLOUD), lists every project's servers, and prints one
 * JSON line. Spawned (bundled with esbuild) by `bench/openstack-list.ts`.
 */
import { OpenStackClient } from '../src/adapters/openstack/client';
import { loadCloudConfig } from '../src/adapters/openstack/config/load-cloud-config';
import { listServers } from '../src/adapters/openstack/inventory/list-servers';

// Since the process started (performance's time origin): Node's boot and loading this bundle.
const started = performance.now();
const client = new OpenStackClient(await loadCloudConfig());
const servers = await listServers(client, { kind: 'all' });
const listMs = performance.now() - started;
console.log(
  JSON.stringify({
    servers: servers.length,
    ids: process.env.BENCH_PRINT_IDS ? servers.map((s) => s.id) : undefined,
    requests: client.requestCount,
    startupMs: started,
    listMs,
    maxRssKb: process.resourceUsage().maxRSS,
  }),
);
