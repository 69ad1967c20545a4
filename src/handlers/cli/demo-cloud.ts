import { intFlag, parseFlags } from './parse';
import { waitForSignal } from './signals';
import { UsageError } from './usage-error';

/** A running demo cloud, as `demo-cloud` prints it. */
export interface RunningDemoCloud {
  url: string;
  authUrl: string;
  cloudsYaml(name: string, who: 'admin' | 'member'): string;
  close(): Promise<void>;
}

/** Faults the demo cloud injects (its `DemoFaults`); absent fields are off. */
export interface DemoCloudFaults {
  latencyMs?: number;
  errorRate?: number;
  rateLimitRate?: number;
  retryAfterSeconds?: number;
  revokeTokensAfterRequests?: number;
  failPathPattern?: string;
  failPathStatus?: number;
}

export type StartDemoCloud = (options: { port: number; servers: number; projects: number; seed: number; faults: DemoCloudFaults }) => Promise<RunningDemoCloud>;

export const demoCloudHelp = `Usage: openstack-reports demo-cloud [--port N] [--servers N] [--projects N] [--seed N] [fault options]

Starts the demo OpenStack cloud alone on 127.0.0.1 (Keystone v3, Nova, Cinder, Neutron, Glance,
Swift) and prints a clouds.yaml entry for it, for this tool or the openstack CLI. Ctrl-C stops it.

Options:
  --port N       port (default: 5000; 0 picks a free one)
  --servers N    servers to generate (default: 60; up to 50000 and more)
  --projects N   projects (default: 6)
  --seed N       seed of the generated data and of which requests fail (default: 42)
  -h, --help     this help

Fault options (all off by default), to see how a client copes with a slow or failing cloud:
  --latency-ms N            wait N milliseconds before every answer
  --error-rate R            answer a share R (0 to 1) of requests with 500 or 503
  --rate-limit-rate R       answer a share R (0 to 1) of requests with 429 Too Many Requests
  --retry-after N           the Retry-After of those 429s, in seconds (default: 1)
  --revoke-tokens-every N   revoke each token once it has authenticated N requests (401 after)
  --fail-path REGEX         always fail requests whose path and query match REGEX
  --fail-path-status N      the status of those failures, 400 to 599 (default: 500)

Which requests fail depends only on --seed and their order, so a run can be repeated.`;

/** A number from `min` to `max` (fractions allowed), or a `UsageError` naming the flag. */
function rateFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--${name} must be a number from 0 to 1, not "${value}"`);
  return n;
}

function patternFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    new RegExp(value);
  } catch (error) {
    throw new UsageError(`--fail-path must be a regular expression: ${(error as Error).message}`);
  }
  return value;
}

/** The faults the flags ask for; only the given ones. */
function faultsFrom(values: Record<string, string | boolean | undefined>): DemoCloudFaults {
  const text = (name: string) => values[name] as string | undefined;
  const int = (name: string, min: number, max: number) => (text(name) === undefined ? undefined : intFlag(name, text(name), 0, min, max));
  const faults: DemoCloudFaults = {
    latencyMs: int('latency-ms', 0, 600_000),
    errorRate: rateFlag('error-rate', text('error-rate')),
    rateLimitRate: rateFlag('rate-limit-rate', text('rate-limit-rate')),
    retryAfterSeconds: int('retry-after', 0, 86_400),
    revokeTokensAfterRequests: int('revoke-tokens-every', 1, 1_000_000_000),
    failPathPattern: patternFlag(text('fail-path')),
    failPathStatus: int('fail-path-status', 400, 599),
  };
  if (faults.failPathStatus !== undefined && faults.failPathPattern === undefined) throw new UsageError('--fail-path-status goes with --fail-path');
  return Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined));
}

/** One line per fault in force, for the banner. */
function describeFaults(f: DemoCloudFaults): string[] {
  return [
    f.latencyMs ? `${f.latencyMs} ms latency on every answer` : '',
    f.errorRate ? `${f.errorRate * 100}% of requests answered 500 or 503` : '',
    f.rateLimitRate ? `${f.rateLimitRate * 100}% of requests answered 429 (Retry-After: ${f.retryAfterSeconds ?? 1})` : '',
    f.revokeTokensAfterRequests ? `tokens revoked after ${f.revokeTokensAfterRequests} requests` : '',
    f.failPathPattern ? `requests matching /${f.failPathPattern}/ answered ${f.failPathStatus ?? 500}` : '',
  ].filter(Boolean);
}

export async function demoCloudCommand(args: string[], startDemoCloud: StartDemoCloud): Promise<number> {
  const { values } = parseFlags(args, {
    port: { type: 'string' },
    servers: { type: 'string' },
    projects: { type: 'string' },
    seed: { type: 'string' },
    'latency-ms': { type: 'string' },
    'error-rate': { type: 'string' },
    'rate-limit-rate': { type: 'string' },
    'retry-after': { type: 'string' },
    'revoke-tokens-every': { type: 'string' },
    'fail-path': { type: 'string' },
    'fail-path-status': { type: 'string' },
  });
  if (values.help) {
    console.log(demoCloudHelp);
    return 0;
  }
  const faults = faultsFrom(values);
  const cloud = await startDemoCloud({
    port: intFlag('port', values.port, 5000, 0, 65_535),
    servers: intFlag('servers', values.servers, 60, 1, 1_000_000),
    projects: intFlag('projects', values.projects, 6, 1, 10_000),
    seed: intFlag('seed', values.seed, 42, 0, 2 ** 31),
    faults,
  });
  console.log(`Demo OpenStack cloud at ${cloud.url} (Keystone: ${cloud.authUrl})\n`);
  const injected = describeFaults(faults);
  if (injected.length > 0) console.log(`Injected faults:\n${injected.map((l) => `  - ${l}`).join('\n')}\n`);
  console.log('# clouds.yaml: save as ./clouds.yaml, then: openstack --os-cloud demo server list --all-projects');
  console.log('#   or: openstack-reports generate --cloud demo --type inventory --out report.pdf');
  console.log(cloud.cloudsYaml('demo', 'admin'));
  await waitForSignal();
  await cloud.close();
  return 0;
}
