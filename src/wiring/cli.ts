import { UsageError } from '../handlers/cli/usage-error';

type Run = (args: string[]) => Promise<number>;

/**
 * The local services (Chromium, dynalite, s3rver, the demo cloud), loaded on a command's first call
 * into them: a command's `--help` and its usage errors answer without loading them.
 */
const services = () => import('./local/cli-services');

/**
 * The commands, each loaded when it runs: `openstack-reports --help` imports none of them, so it
 * answers without loading the AWS SDK, Chromium or the demo cloud.
 */
const commands: Record<string, { summary: string; load: () => Promise<Run> }> = {
  generate: {
    summary: 'make one report (PDF, CSV, JSON, HTML, Excel) without the server',
    load: async () => {
      const [{ generateCommand }, { silentLogger }] = await Promise.all([import('../handlers/cli/generate'), import('../adapters/aws/powertools-logger')]);
      return (args) => generateCommand(args, { openSession: async (cloud) => (await services()).openLocalReportSession(cloud), logger: silentLogger });
    },
  },
  serve: {
    summary: 'run the service locally (what npm start does)',
    load: async () => {
      const { serveCommand } = await import('../handlers/cli/serve');
      return (args) => serveCommand(args, async (options) => (await services()).startLocalService(options));
    },
  },
  'demo-cloud': {
    summary: 'run the demo OpenStack cloud alone and print its clouds.yaml',
    load: async () => {
      const { demoCloudCommand } = await import('../handlers/cli/demo-cloud');
      return (args) => demoCloudCommand(args, async (options) => (await services()).startDemo(options));
    },
  },
  token: {
    summary: 'mint a development token for the local service',
    load: async () => {
      const { tokenCommand } = await import('../handlers/cli/token');
      return (args) => tokenCommand(args, async (claims) => (await services()).mintToken(claims));
    },
  },
};

export const mainHelp = `Usage: openstack-reports <command> [options]

Reports on OpenStack clouds: inventory, usage and estimated cost, as PDF, CSV, JSON, HTML and Excel workbooks.

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`)
  .join('\n')}

Run "openstack-reports <command> --help" for a command's options.`;

/** Runs the CLI; returns the exit code (0 done, 1 failed, 2 bad command line). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    console.error(`openstack-reports: unknown command "${name}"\n\n${mainHelp}`);
    return 2;
  }
  try {
    return await (
      await command.load()
    )(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`openstack-reports ${name}: ${error.message}\nRun "openstack-reports ${name} --help" for usage.`);
      return 2;
    }
    // A message, never a stack: the cause is something the user can read and act on.
    console.error(`openstack-reports ${name}: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}
