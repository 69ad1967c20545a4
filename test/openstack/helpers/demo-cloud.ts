import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The demo cloud module (another team's work); tests that need it skip cleanly until it exists. */
export const DEMO_CLOUD_PATH = fileURLToPath(new URL('../../../src/demo-cloud/index.ts', import.meta.url));
export const demoCloudAvailable = existsSync(DEMO_CLOUD_PATH);

export type DemoCloudModule = typeof import('../../../src/demo-cloud/index');

export async function importDemoCloud(): Promise<DemoCloudModule> {
  return (await import('../../../src/demo-cloud/index')) as DemoCloudModule;
}
