import { silentLogger } from '../../adapters/aws/powertools-logger';
import { loadLocalConfig } from '../../wiring/local/local-wiring';
import { readReportSettingsFiles } from '../../wiring/report-settings';
import { demoPriceListFile, openCloud } from '../../wiring/local/open-cloud';
import { startLocalRuntime } from '../../wiring/local/runtime';
import { parseFlags } from './parse';
import { waitForSignal } from './signals';

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

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { cloud: { type: 'string' }, quiet: { type: 'boolean' } });
  if (values.help) {
    console.log(serveHelp);
    return 0;
  }
  const config = loadLocalConfig();
  const cloud = await openCloud({
    cloud: values.cloud,
    env: process.env,
    demo: { servers: config.DEMO_SERVERS, projects: config.DEMO_PROJECTS },
  });
  const reportSettings = await readReportSettingsFiles({ ...config, PRICE_LIST_FILE: config.PRICE_LIST_FILE ?? (cloud.demo ? demoPriceListFile : undefined) }).catch(async (error: unknown) => {
    await cloud.close();
    throw error;
  });
  const runtime = await startLocalRuntime({
    port: config.PORT,
    dataDir: config.DATA_DIR,
    inventory: async () => cloud.inventory,
    maxReceiveCount: config.MAX_RECEIVE_COUNT,
    visibilityTimeoutMs: config.VISIBILITY_TIMEOUT_SECONDS * 1000,
    downloadUrlTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS,
    ownerClaim: config.AUTH_OWNER_CLAIM,
    logger: values.quiet ? silentLogger : undefined,
    ...reportSettings,
  }).catch(async (error: unknown) => {
    await cloud.close();
    throw error;
  });
  const token = await runtime.mintToken('local-user', ['reports:read', 'reports:write', 'schedules:read', 'schedules:write']);
  const u = runtime.url;
  console.log(`
openstack-reports is running at ${u}
  reporting on ${cloud.description}
  data in ${config.DATA_DIR}/ (runs, artifacts, queue)   health: ${u}/v1/health
  e-mails sent by deliveries land in the outbox at ${runtime.outbox.url}

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
  await runtime.close();
  await cloud.close();
  return 0;
}
