// Plain Node; process and console are globals.
// Copies a file tree into a Lambda bundle during `afterBundling` (see infra/constructs/esm-function.ts).
// Plain Node rather than `cp -R` so bundling behaves the same on every OS the CDK CLI runs on.
// Usage: node copy-into-bundle.mjs <from> <to> [--skip-code]
import { cpSync } from 'node:fs';

const [from, to, flag] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: copy-into-bundle.mjs <from> <to> [--skip-code]');
  process.exit(2);
}
// Source files are already compiled into index.mjs; shipping them again would only grow the package.
const code = /\.(?:[cm]?tsx?|jsx)$/;
cpSync(from, to, { recursive: true, filter: (path) => flag !== '--skip-code' || !code.test(path) });
