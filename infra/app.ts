import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addComplianceChecks } from './compliance';
import { builtConsoleDir } from './constructs/console';
import { repoRoot } from './constructs/esm-function';
import { readSettings } from './settings';
import { OpenStackReportsStack } from './stack';

/**
 * CDK entry point (`cdk.json` → `npx tsx infra/app.ts`). One stack, `OpenStackReports`, checked by cdk-nag.
 * With CDK_DEFAULT_ACCOUNT/REGION (set by the CLI when credentials are present) the stack is bound to
 * that environment; without them it is environment-agnostic, so `cdk synth` needs no credentials.
 */
const app = new App();
// The web console is built by scripts/build.mjs (npm install and npm run build run it) and deployed as it is.
const consoleAssetsDir = builtConsoleDir(join(repoRoot, 'dist/console'));
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new OpenStackReportsStack(app, 'OpenStackReports', {
  description: 'openstack-reports: PDF/CSV/JSON/HTML reports on OpenStack clouds',
  env: account || region ? { account, region } : undefined,
  settings: readSettings(app.node),
  consoleAssetsDir,
});
addComplianceChecks(app);
app.synth();
