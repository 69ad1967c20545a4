// Plain Node, run by `npm run build` and by npm's `prepare` (so `npm install` / `npm ci` leave it built).
// Compiles the CLI (src/wiring/cli.ts) into dist/, which bin/openstack-reports.js imports: the CLI then
// starts without compiling TypeScript on every run. Then the web console
// (console/) into dist/console/ (scripts/build-console.mjs). Usage: node scripts/build.mjs
import { copyFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildConsole } from './build-console.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist/`;

rmSync(dist, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/wiring/cli.ts' },
  outdir: dist,
  bundle: true,
  // One chunk per command: src/wiring/cli.ts imports each with import(), so `--help` loads none of them.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay in node_modules, resolved at run time as they are from the sources.
  packages: 'external',
  tsconfig: 'tsconfig.json',
  logLevel: 'warning',
});

// Read at run time beside the bundle (src/wiring/local/open-cloud.ts looks for it there too).
copyFileSync(`${root}src/demo-cloud/demo-price-list.yaml`, `${dist}demo-price-list.yaml`);

// Served at / by the local service (src/wiring/local/console-site.ts), and from S3 on AWS.
await buildConsole(root, dist);
