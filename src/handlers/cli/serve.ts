import { parseFlags } from './parse';
import { waitForSignal } from './signals';

/** The local service, started by the wiring. */
export interface RunningService {
  url: string;
  /** The outbox's web page, where e-mails land. */
  outboxUrl: string;
  /** What it reports on ("the demo cloud at …"). */
  cloudDescription: string;
  dataDir: string;
  /** A development token with every scope but admin, for the banner's example. */
  token: string;
  close(): Promise<void>;
}

export type StartService = (options: { cloud?: string; quiet: boolean }) => Promise<RunningService>;

export const serveHelp = `Usage: openstack-reports serve [--cloud NAME] [--quiet]

Runs the whole service on 127.0.0.1 (what npm start does): the HTTP API, the worker, an in-process
queue with SQS semantics, a local S3-compatible store and run records under DATA_DIR. Reports on the
demo cloud unless --cloud NAME (clouds.yaml), OS_CLOUD or OS_AUTH_URL names a real one.
Ctrl-C stops everything.

Options:
  --cloud NAME   a cloud from clouds.yaml
  --quiet        no JSON log lines on stdout
  -h, --help     this help

Environment: PORT (3000), DATA_DIR (.data), MAX_RECEIVE_COUNT (3), VISIBILITY_TIMEOUT_SECONDS (900),
DOWNLOAD_URL_TTL_SECONDS (900), DEMO_SERVERS (60), DEMO_PROJECTS (6), OS_CLOUD, OS_CLIENT_CONFIG_FILE,
PRICE_LIST_FILE, BRANDING_FILE.`;

export async function serveCommand(args: string[], start: StartService): Promise<number> {
  const { values } = parseFlags(args, { cloud: { type: 'string' }, quiet: { type: 'boolean' } });
  if (values.help) {
    console.log(serveHelp);
    return 0;
  }
  const service = await start({ cloud: values.cloud, quiet: values.quiet === true });
  const token = service.token;
  const u = service.url;
  console.log(`
Web console: ${u}/   (sign in with any name; offered to this machine only)

openstack-reports is running at ${u}
  reporting on ${service.cloudDescription}
  data in ${service.dataDir}/ (runs, artifacts, queue)   health: ${u}/v1/health
  e-mails sent by deliveries land in the outbox at ${service.outboxUrl}

Try it: copy and paste into another terminal
  TOKEN='${token}'
  ID=$(curl -s -X POST ${u}/v1/reports -H "Authorization: Bearer $TOKEN" \\
        -H 'Content-Type: application/json' -d '{"type":"inventory"}' | sed -E 's/.*"id":"([^"]+)".*/\\1/')
  until curl -s ${u}/v1/reports/$ID -H "Authorization: Bearer $TOKEN" | grep -Eq '"status":"(succeeded|failed)"'; do sleep 1; done
  curl -s -o report.pdf "$(curl -s -o /dev/null -w '%{redirect_url}' ${u}/v1/reports/$ID/download?format=pdf -H "Authorization: Bearer $TOKEN")"
  # report.pdf is the inventory of every server; GET ${u}/v1/reports/$ID shows the run.

Press Ctrl-C to stop.
`);
  await waitForSignal();
  console.log('Stopping…');
  await service.close();
  return 0;
}
