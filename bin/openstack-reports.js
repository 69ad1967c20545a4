#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so the package needs no build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The SDK only talks to local stand-ins here; its Node-version notice would only clutter the terminal.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/wiring/cli.ts');
process.exitCode = await main(process.argv.slice(2));
