import { demoCloudCommand, demoCloudHelp } from '../handlers/cli/demo-cloud';
import { generateCommand, generateHelp } from '../handlers/cli/generate';
import { serveCommand, serveHelp } from '../handlers/cli/serve';
import { tokenCommand, tokenHelp } from '../handlers/cli/token';
import { UsageError } from '../handlers/cli/usage-error';

const commands: Record<string, { run: (args: string[]) => Promise<number>; help: string; summary: string }> = {
  generate: { run: generateCommand, help: generateHelp, summary: 'make one report (PDF, CSV, JSON, HTML) without the server' },
  serve: { run: serveCommand, help: serveHelp, summary: 'run the service locally (what npm start does)' },
  'demo-cloud': { run: demoCloudCommand, help: demoCloudHelp, summary: 'run the demo OpenStack cloud alone and print its clouds.yaml' },
  token: { run: tokenCommand, help: tokenHelp, summary: 'mint a development token for the local service' },
};

export const mainHelp = `Usage: openstack-reports <command> [options]

Reports on OpenStack clouds: inventory, usage and estimated cost, as PDF, CSV, JSON and HTML.

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
  const command = commands[name];
  if (!command) {
    console.error(`openstack-reports: unknown command "${name}"\n\n${mainHelp}`);
    return 2;
  }
  try {
    return await command.run(args);
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
