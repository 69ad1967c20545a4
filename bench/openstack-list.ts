/**
 * Lists every server of every project with our client and with the OpenStack CLI
 * (`openstack server list --all-projects --long`, printing its table as typed, and with `-f json`),
 * against the same demo cloud, and prints a markdown table: servers, projects, injected latency,
 * requests, wall time, peak RSS, speed-ups.
 *
 * Run: npx tsx bench/openstack-list.ts [--sizes 1000,10000,50000] [--latencies 0,20] [--projects 500]
 *        [--repeat 3] [--no-osc]
 *
 * Both clients run as child processes (ours bundled and minified with esbuild like the Lambda
 * functions, so no TypeScript compile is timed) and are timed from spawn to exit, interpreter
 * start-up included; each measurement is repeated, the clients alternating, and the median wall
 * time is reported (shared machines are noisy). The demo cloud runs in this process; its request counter gives both clients'
 * request counts. No assertion on timings: this prints, it does not judge.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { startDemoCloud, type DemoCloud } from '../src/demo-cloud/index';

const run = promisify(execFile);

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const sizes = option('sizes', '1000,10000,50000').split(',').map(Number);
const latencies = option('latencies', '0,20').split(',').map(Number);
const projects = Number(option('projects', '500'));
const repeat = Number(option('repeat', '3'));
const withOsc = !process.argv.includes('--no-osc') && spawnSync('openstack', ['--version']).status === 0;

const dir = await mkdtemp(join(tmpdir(), 'openstack-bench-'));
const worker = join(dir, 'worker.mjs');
await build({
  entryPoints: [new URL('./openstack-list-worker.ts', import.meta.url).pathname],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // As the Lambda functions are bundled (infra/constructs/esm-function.ts).
  minify: true,
  outfile: worker,
  // yaml is CommonJS and requires Node built-ins; an ESM bundle needs a real require for that.
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'error',
});

/** Runs OSC under python's resource module to read its peak RSS (no GNU time needed). */
const OSC_WRAPPER = `
import json, resource, subprocess, sys, time
t = time.perf_counter()
with open(sys.argv[1], 'w') as out:
    code = subprocess.run(sys.argv[2:], stdout=out).returncode
print(json.dumps({"code": code, "wallMs": (time.perf_counter() - t) * 1000, "maxRssKb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
`;

interface Result {
  requests: number;
  wallMs: number;
  maxRssKb: number;
  servers: number;
}

/** How OSC prints: the table the command prints by default, and `-f json`, its cheapest formatter. */
type OscFormat = 'table' | 'json';

const rows: string[] = [];
for (const servers of sizes) {
  const cloud = await startDemoCloud({ seed: 2024, servers, projects });
  const expected = cloud.data.servers.filter((s) => !s.deleted).length;
  const yamlPath = join(dir, 'clouds.yaml');
  await writeFile(yamlPath, cloud.cloudsYaml('bench', 'admin'));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, OS_CLIENT_CONFIG_FILE: yamlPath, OS_CLOUD: 'bench' };
  try {
    // One untimed run of each client fills the demo cloud's cache of serialized servers for the
    // microversion that client reads (2.1 for OSC, 2.100 for ours): neither pays the server's first walk.
    await runOurs(env, cloud);
    if (withOsc) await runOsc(env, cloud, 'json');
    for (const latencyMs of latencies) {
      cloud.setFaults({ latencyMs });

      const ourRuns: Result[] = [];
      const tableRuns: Result[] = [];
      const jsonRuns: Result[] = [];
      for (let i = 0; i < repeat; i++) {
        ourRuns.push(await runOurs(env, cloud));
        if (withOsc) tableRuns.push(await runOsc(env, cloud, 'table'));
        if (withOsc) jsonRuns.push(await runOsc(env, cloud, 'json'));
      }
      const ours = summarize(ourRuns);
      const table = withOsc ? summarize(tableRuns) : undefined;
      const json = withOsc ? summarize(jsonRuns) : undefined;

      for (const [who, r] of [
        ['ours', ours],
        ['openstack', table],
        ['openstack -f json', json],
      ] as const) {
        if (r && r.servers !== expected) throw new Error(`${who} listed ${r.servers} servers, the cloud has ${expected}`);
      }
      const na = 'n/a';
      const cells = [
        servers.toLocaleString('en'),
        String(projects),
        `${latencyMs} ms`,
        String(ours.requests),
        seconds(ours.wallMs),
        mb(ours.maxRssKb),
        table ? String(table.requests) : na,
        table ? seconds(table.wallMs) : na,
        table ? mb(table.maxRssKb) : na,
        json ? seconds(json.wallMs) : na,
        table ? `**${(table.wallMs / ours.wallMs).toFixed(1)}×**` : na,
        json ? `${(json.wallMs / ours.wallMs).toFixed(1)}×` : na,
      ];
      rows.push(`| ${cells.join(' | ')} |`);
      console.error(rows.at(-1));
    }
  } finally {
    await cloud.close();
  }
}
await rm(dir, { recursive: true, force: true });

console.log(
  '| servers | projects | latency | ours: requests | ours: wall | ours: peak RSS | openstack CLI: requests | openstack CLI: wall | openstack CLI: peak RSS | CLI `-f json`: wall | speed-up | speed-up vs `-f json` |',
);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);

/** Our client, bundled, in a fresh process. */
async function runOurs(env: Record<string, string>, cloud: DemoCloud): Promise<Result> {
  cloud.resetStats();
  const t = performance.now();
  const { stdout } = await run(process.execPath, [worker], { env, maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t;
  const out = JSON.parse(stdout) as { servers: number; requests: number; maxRssKb: number };
  const requests = cloud.stats().requests;
  if (out.requests !== requests) throw new Error(`request counts disagree: client ${out.requests}, cloud ${requests}`);
  return { requests, wallMs, maxRssKb: out.maxRssKb, servers: out.servers };
}

/**
 * `openstack server list --all-projects --long --limit -1`, printing its table (the command as
 * users type it) or `-f json`. Without `--limit -1` OSC 6 shows only nova's first page.
 */
async function runOsc(env: Record<string, string>, cloud: DemoCloud, format: OscFormat): Promise<Result> {
  cloud.resetStats();
  const listing = join(dir, `osc.${format}`);
  const command = ['openstack', 'server', 'list', '--all-projects', '--long', '--limit', '-1', ...(format === 'json' ? ['-f', 'json'] : [])];
  const { stdout } = await run('/usr/bin/python3', ['-c', OSC_WRAPPER, listing, ...command], { env, maxBuffer: 1024 * 1024 });
  const r = JSON.parse(stdout) as { code: number; wallMs: number; maxRssKb: number };
  if (r.code !== 0) throw new Error(`openstack exited with ${r.code}`);
  const printed = await readFile(listing, 'utf8');
  // A table row starts with the server's UUID in the ID column.
  const servers =
    format === 'json'
      ? (JSON.parse(printed) as unknown[]).length
      : (printed.match(/^\| [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} \|/gm) ?? []).length;
  return { requests: cloud.stats().requests, wallMs: r.wallMs, maxRssKb: r.maxRssKb, servers };
}

/** Median wall time, highest RSS; request and server counts must not vary between runs. */
function summarize(runs: Result[]): Result {
  const walls = runs.map((r) => r.wallMs).sort((a, b) => a - b);
  for (const r of runs) {
    if (r.requests !== runs[0]!.requests || r.servers !== runs[0]!.servers) throw new Error('runs disagree on requests or servers');
  }
  return { ...runs[0]!, wallMs: walls[Math.floor(walls.length / 2)]!, maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)) };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
function mb(kb: number): string {
  return `${Math.round(kb / 1024)} MB`;
}
