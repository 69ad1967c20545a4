import { intFlag, parseFlags } from './parse';
import { waitForSignal } from './signals';

/** A running demo cloud, as `demo-cloud` prints it. */
export interface RunningDemoCloud {
  url: string;
  authUrl: string;
  cloudsYaml(name: string, who: 'admin' | 'member'): string;
  close(): Promise<void>;
}

export type StartDemoCloud = (options: { port: number; servers: number; projects: number; seed: number }) => Promise<RunningDemoCloud>;

export const demoCloudHelp = `Usage: openstack-reports demo-cloud [--port N] [--servers N] [--projects N] [--seed N]

Starts the demo OpenStack cloud alone on 127.0.0.1 (Keystone v3, Nova, Cinder, Neutron, Glance) and
prints a clouds.yaml entry for it, for this tool or the openstack CLI. Ctrl-C stops it.

Options:
  --port N       port (default: 5000; 0 picks a free one)
  --servers N    servers to generate (default: 60; up to 50000 and more)
  --projects N   projects (default: 6)
  --seed N       seed of the generated data (default: 42)
  -h, --help     this help`;

export async function demoCloudCommand(args: string[], startDemoCloud: StartDemoCloud): Promise<number> {
  const { values } = parseFlags(args, {
    port: { type: 'string' },
    servers: { type: 'string' },
    projects: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.help) {
    console.log(demoCloudHelp);
    return 0;
  }
  const cloud = await startDemoCloud({
    port: intFlag('port', values.port, 5000, 0, 65_535),
    servers: intFlag('servers', values.servers, 60, 1, 1_000_000),
    projects: intFlag('projects', values.projects, 6, 1, 10_000),
    seed: intFlag('seed', values.seed, 42, 0, 2 ** 31),
  });
  console.log(`Demo OpenStack cloud at ${cloud.url} (Keystone: ${cloud.authUrl})\n`);
  console.log('# clouds.yaml: save as ./clouds.yaml, then: openstack --os-cloud demo server list --all-projects');
  console.log('#   or: openstack-reports generate --cloud demo --type inventory --out report.pdf');
  console.log(cloud.cloudsYaml('demo', 'admin'));
  await waitForSignal();
  await cloud.close();
  return 0;
}
