import { spawnSync } from 'node:child_process';

/** What to do when the reference client is missing: it is a Debian package, which `.ci/run` installs. */
export const OPENSTACK_CLI_MISSING =
  'the `openstack` CLI does not run (`openstack --version` failed): install it with `apt-get install python3-openstackclient` (.ci/run does)';

const probe = spawnSync('openstack', ['--version'], { stdio: 'ignore' });

/** Whether `openstack --version` runs and succeeds. */
export const openstackCliInstalled = !probe.error && probe.status === 0;

/** Throws {@link OPENSTACK_CLI_MISSING} when the CLI is missing, so each test that runs it fails saying what to install. */
export function requireOpenstackCli(): void {
  if (!openstackCliInstalled) throw new Error(OPENSTACK_CLI_MISSING);
}
