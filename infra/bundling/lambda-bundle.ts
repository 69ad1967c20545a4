import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Root of the repository: entries, `tsconfig.json` and `node_modules` are resolved from here. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Each function's entry file, relative to the repository root. */
export const lambdaEntries = {
  api: 'src/wiring/aws/api-handler.ts',
  worker: 'src/wiring/aws/worker-handler.ts',
  deadLetter: 'src/wiring/aws/dead-letter-handler.ts',
} as const;

/** A function by the name {@link lambdaEntries} gives it. */
export type LambdaName = keyof typeof lambdaEntries;

/** The Node version the code is compiled for: that of the functions' runtime (`functionRuntime`, nodejs22.x). */
export const lambdaTarget = 'node22';

/**
 * How every function's code is bundled, in one place: infra/constructs/esm-function.ts bundles with
 * it when the CDK stages a function, and the cold-start benchmark and the bundle tests with it too,
 * so what they measure is what deploys.
 *
 * Everything, the AWS SDK included, is bundled (no `node_modules` in the package: the code is exactly
 * what package-lock.json says) into `index.mjs` plus chunks. Code splitting makes a dynamic `import()`
 * a chunk of its own, read only when first called: a function does not parse, at cold start, the
 * clients it may never use (the API's S3, SQS, Scheduler, OpenStack and mail code; the AWS SDK's
 * credential providers other than the environment's, which Lambda always sets).
 */
export function lambdaBuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    absWorkingDir: repoRoot,
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    // Flat beside index.mjs: code that finds files relative to itself (./assets, ./swagger-ui-dist) works from any chunk.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    target: lambdaTarget,
    format: 'esm',
    mainFields: ['module', 'main'],
    // CommonJS dependencies call require(); ESM output has no such global unless the banner makes one (in every chunk).
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    tsconfig: join(repoRoot, 'tsconfig.json'),
    minify: true,
    // No source map ships in the package (nor --enable-source-maps, which slows every stack trace):
    // keepNames keeps function and class names in stack traces instead.
    keepNames: true,
    sourcemap: false,
    logLevel: 'warning',
  };
}
