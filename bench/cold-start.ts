/**
 * Cold start of each Lambda function's code and of the CLI's `--help`:
 *
 *   npx tsx bench/cold-start.ts [runs]        (npm run bench:cold-start)
 *
 * Bundles each entry with the deployment's esbuild options (infra/bundling/lambda-bundle.ts, which the
 * CDK construct uses too), then imports the bundle in `runs` (default 10) fresh `node` processes with
 * the stack's environment (deploy-time values replaced by stand-ins, as test/infra/bundle.test.ts
 * does) and times the import inside each process: module loading and the cold-start code, without
 * Node's own start-up. The CLI row times the whole `node bin/openstack-reports.js --help` process,
 * after `npm run build`. Prints a markdown table: the bytes of index.mjs, of what a cold start loads
 * (index.mjs and the chunks it imports statically) and of all chunks (those only a dynamic import()
 * loads included); the median ms, and min–max as the spread (a wide one says the machine was busy).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IConstruct } from 'constructs';
import { buildLambda } from '../infra/bundling/build-lambda';
import { repoRoot, type LambdaName } from '../infra/bundling/lambda-bundle';
import { lambdaEnvironment, synth } from '../test/infra/synth';

const runs = Number(process.argv[2] ?? 10);
if (!Number.isInteger(runs) || runs < 1) throw new Error('usage: npx tsx bench/cold-start.ts [runs]');

interface Row {
  name: string;
  /** index.mjs; what a cold start loads (index.mjs and its static chunks); every chunk. */
  bytes?: { entry: number; start: number; total: number };
  times: number[];
}

/** Milliseconds one fresh node process takes to import a bundle (the process times itself). */
function importMs(file: string, env: Record<string, string>): number {
  const code = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { env, encoding: 'utf8' }).trim());
}

/** Milliseconds a whole process takes, timed from here. */
function processMs(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - t;
}

/** `runs` measurements after one unmeasured run, which warms the file cache. */
function measure(once: () => number): number[] {
  once();
  return Array.from({ length: runs }, once);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => x.toFixed(0);

const dir = mkdtempSync(join(tmpdir(), 'openstack-reports-cold-start-'));
const stack = synth();
try {
  const functions: Array<[LambdaName, string, IConstruct]> = [
    ['api', 'API', stack.stack.api.handler.function],
    ['deadLetter', 'dead-letter', stack.stack.worker.deadLetterHandler.function],
    ['worker', 'worker', stack.stack.worker.worker.function],
  ];
  const rows: Row[] = [];
  for (const [name, label, fn] of functions) {
    const built = await buildLambda(name, join(dir, name));
    // Lambda runs Node 22, which prints no SDK notice about the Node version; older Nodes here would.
    const env = { ...lambdaEnvironment(stack, fn), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const bytes = { entry: built.entryBytes, start: built.startBytes, total: built.totalBytes };
    rows.push({ name: label, bytes, times: measure(() => importMs(built.entry, env)) });
    // Tracing on (the ADOT collector layer's endpoint): the OpenTelemetry SDK must still load on the first span, not at start.
    if (name !== 'deadLetter') {
      const traced = { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' };
      rows.push({ name: `${label}, tracing on`, times: measure(() => importMs(built.entry, traced)) });
    }
  }
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
  rows.push({ name: '`openstack-reports --help` (whole process)', times: measure(() => processMs([join(repoRoot, 'bin/openstack-reports.js'), '--help'])) });

  console.log(`\nCold start, median of ${runs} fresh node ${process.version} processes:\n`);
  console.log('| function | index.mjs bytes | loaded at start | all chunks | cold import ms (median) | min–max ms |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const n = (x: number | undefined) => x?.toLocaleString('en-US') ?? '–';
  for (const r of rows) {
    const spread = `${ms(Math.min(...r.times))}–${ms(Math.max(...r.times))}`;
    console.log(`| ${r.name} | ${n(r.bytes?.entry)} | ${n(r.bytes?.start)} | ${n(r.bytes?.total)} | ${ms(median(r.times))} | ${spread} |`);
  }
} finally {
  stack.cleanup();
  rmSync(dir, { recursive: true, force: true });
}
