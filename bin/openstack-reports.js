#!/usr/bin/env node
// Runs the compiled CLI in dist/, which `npm install` builds (the `prepare` script; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('openstack-reports: dist/cli.js is missing; run "npm run build" (npm install runs it too).');
  process.exit(1);
}
// The SDK only talks to local stand-ins here; its Node-version notice would only clutter the terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import(cli.href);
process.exitCode = await main(process.argv.slice(2));
