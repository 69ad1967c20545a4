import { silentLogger } from '../../adapters/aws/powertools-logger';
import { startDemoCloud } from '../../demo-cloud';
import type { ReportSession } from '../../handlers/cli/generate';
import type { RunningService, StartService } from '../../handlers/cli/serve';
import type { MintToken } from '../../handlers/cli/token';
import type { StartDemoCloud } from '../../handlers/cli/demo-cloud';
import { chromiumRenderer, reportPipeline } from '../report-pipeline';
import { readReportSettingsFiles } from '../report-settings';
import { loadLocalConfig, localMailOptions, mintLocalToken } from './local-wiring';
import { demoPriceListFile, openCloud, type OpenCloudOptions } from './open-cloud';
import { startLocalRuntime } from './runtime';
import { localTelemetry } from './local-telemetry';

/** The cloud a local command reports on (the configured one, or a demo cloud), with the configured price list and brand. */
async function openConfiguredCloud(cloudName: string | undefined, telemetry?: OpenCloudOptions['telemetry']) {
  const config = loadLocalConfig();
  const cloud = await openCloud({ cloud: cloudName, env: process.env, demo: { servers: config.DEMO_SERVERS, projects: config.DEMO_PROJECTS }, telemetry });
  const settings = await readReportSettingsFiles({ ...config, PRICE_LIST_FILE: config.PRICE_LIST_FILE ?? (cloud.demo ? demoPriceListFile : undefined) }).catch(
    async (error: unknown) => {
      await cloud.close();
      throw error;
    },
  );
  return { config, cloud, settings };
}

/** `generate`: one report on the chosen cloud, rendered by Chromium. */
export async function openLocalReportSession(cloudName: string | undefined): Promise<ReportSession> {
  const { cloud, settings } = await openConfiguredCloud(cloudName);
  const pdf = chromiumRenderer();
  return {
    ...reportPipeline(settings, pdf),
    inventory: cloud.inventory,
    description: cloud.description,
    brandingConfigured: settings.branding !== undefined,
    close: async () => {
      await pdf.close();
      await cloud.close();
    },
  };
}

/** `serve` and `npm start`: the whole service on 127.0.0.1. */
export const startLocalService: StartService = async ({ cloud: cloudName, quiet }): Promise<RunningService> => {
  const telemetry = localTelemetry(loadLocalConfig());
  const { config, cloud, settings } = await openConfiguredCloud(cloudName, telemetry);
  const runtime = await startLocalRuntime({
    port: config.PORT,
    dataDir: config.DATA_DIR,
    inventory: async () => cloud.inventory,
    maxReceiveCount: config.MAX_RECEIVE_COUNT,
    visibilityTimeoutMs: config.VISIBILITY_TIMEOUT_SECONDS * 1000,
    downloadUrlTtlSeconds: config.DOWNLOAD_URL_TTL_SECONDS,
    maxActiveRunsPerOwner: config.MAX_QUEUED_RUNS_PER_OWNER,
    ownerClaim: config.AUTH_OWNER_CLAIM,
    mail: localMailOptions(config),
    outboxPorts: { smtp: config.OUTBOX_PORT, web: config.OUTBOX_WEB_PORT },
    attachmentMaxBytes: config.EMAIL_ATTACHMENT_MAX_BYTES,
    logger: quiet ? silentLogger : undefined,
    telemetry,
    ...settings,
  }).catch(async (error: unknown) => {
    await cloud.close();
    await telemetry.shutdown();
    throw error;
  });
  return {
    url: runtime.url,
    outboxUrl: runtime.outbox.url,
    cloudDescription: cloud.description,
    dataDir: config.DATA_DIR,
    token: await runtime.mintToken('local-user', ['reports:read', 'reports:write', 'schedules:read', 'schedules:write']),
    close: async () => {
      await runtime.close();
      await cloud.close();
      await telemetry.shutdown();
    },
  };
};

/** `token`: signed with the development key in DATA_DIR. */
export const mintToken: MintToken = (claims) => mintLocalToken(loadLocalConfig().DATA_DIR, claims);

/** `demo-cloud`: the demo cloud alone. */
export const startDemo: StartDemoCloud = (options) => startDemoCloud(options);
