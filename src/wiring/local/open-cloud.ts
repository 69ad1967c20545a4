import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InventorySource, Logger, Metrics, Tracer } from '../../domain/ports';
import { cloudConfigFromDocument, createInventorySource, loadCloudConfig } from '../../adapters/openstack';
import { startDemoCloud, type DemoCloud } from '../../demo-cloud';

/** The price list cost reports on the demo cloud use unless PRICE_LIST_FILE names another. */
export const demoPriceListFile = locateDemoPriceList();

function locateDemoPriceList(): string {
  const source = fileURLToPath(new URL('../../demo-cloud/demo-price-list.yaml', import.meta.url));
  // Compiled into dist/ this module sits beside the copy scripts/build.mjs makes.
  return existsSync(source) ? source : fileURLToPath(new URL('./demo-price-list.yaml', import.meta.url));
}

export interface OpenedCloud {
  inventory: InventorySource;
  /** What the user is looking at, for banners ("demo cloud at …", "cloud \"prod\""). */
  description: string;
  demo?: DemoCloud;
  close(): Promise<void>;
}

export interface OpenCloudOptions {
  /** A cloud name from clouds.yaml (`--cloud`); OS_CLOUD or OS_AUTH_URL in `env` also select a real cloud. */
  cloud?: string;
  env: Record<string, string | undefined>;
  demo: { servers: number; projects: number; seed?: number; port?: number };
  logger?: Logger;
  /** OpenStack requests as metrics and spans. */
  telemetry?: { metrics?: Metrics; tracer?: Tracer };
}

/** The cloud a local command reports on: the configured one, or else a demo cloud started in-process. */
export async function openCloud(options: OpenCloudOptions): Promise<OpenedCloud> {
  const cloud = options.cloud ?? options.env.OS_CLOUD;
  if (cloud || options.env.OS_AUTH_URL) {
    const config = await loadCloudConfig({ cloud, env: options.env });
    return {
      inventory: createInventorySource(config, { logger: options.logger, ...options.telemetry }),
      description: cloud ? `cloud "${cloud}" from clouds.yaml` : 'the cloud in the OS_* environment variables',
      close: async () => undefined,
    };
  }
  const demo = await startDemoCloud({ servers: options.demo.servers, projects: options.demo.projects, seed: options.demo.seed, port: options.demo.port });
  const config = cloudConfigFromDocument(demo.cloudEntry('admin'));
  return {
    inventory: createInventorySource(config, { logger: options.logger, ...options.telemetry }),
    description: `the demo cloud at ${demo.url} (${options.demo.servers} servers in ${options.demo.projects} projects)`,
    demo,
    close: () => demo.close(),
  };
}
