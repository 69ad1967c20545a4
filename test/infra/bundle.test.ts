import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaChromiumBinDir } from '../../src/wiring/aws/worker-deps';
import { chromiumBinDir } from '../../infra/constructs/worker';
import { lambdaEnvironment, logicalIdOf, resourceOf, synth, type Synthesized } from './synth';

// The one test that runs esbuild on the real entry points (a few seconds), to check the packages Lambda receives.
let s: Synthesized;
beforeAll(() => {
  s = synth({ bundle: true, context: { 'aws:cdk:enable-asset-metadata': true } });
});
afterAll(() => s?.cleanup());

/** The staged asset folder of a function's code, from the asset metadata CDK writes for the CLI. */
function assetDir(fn: Parameters<typeof resourceOf>[1]): string {
  return join(s.outdir, s.template.toJSON().Resources[logicalIdOf(fn)].Metadata['aws:asset:path']);
}

const functions = () => ({
  api: s.stack.api.handler.function,
  worker: s.stack.worker.worker.function,
  deadLetterHandler: s.stack.worker.deadLetterHandler.function,
});

describe('function packages', () => {
  it.each(['api', 'worker', 'deadLetterHandler'] as const)(
    'bundles the %s into ESM files (index.mjs and its chunks) that can require() CommonJS dependencies',
    (name) => {
      const dir = assetDir(functions()[name]);
      const modules = readdirSync(dir).filter((f) => /\.[cm]?js$/.test(f));
      expect(modules).toContain('index.mjs');
      for (const file of modules) {
        expect(file).toMatch(/\.mjs$/);
        const code = readFileSync(join(dir, file), 'utf8');
        expect(code.startsWith("import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);")).toBe(true);
      }
      expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    },
  );

  it('ships the Chromium archives to /var/task/chromium-bin in the worker package only', () => {
    // The worker's wiring hands this folder to chromium.executablePath().
    expect(lambdaChromiumBinDir).toBe(chromiumBinDir);
    expect(readdirSync(join(assetDir(functions().worker), basename(chromiumBinDir))).sort()).toEqual([
      'al2023.tar.br',
      'chromium.br',
      'fonts.tar.br',
      'swiftshader.tar.br',
    ]);
    expect(existsSync(join(assetDir(functions().api), 'chromium-bin'))).toBe(false);
  });

  it('ships the report fonts and logo beside the worker bundle, where the templates look for them', () => {
    const dir = join(assetDir(functions().worker), 'assets');
    expect(existsSync(join(dir, 'fonts', 'manifest.json'))).toBe(true);
    expect(existsSync(join(dir, 'logo.svg'))).toBe(true);
    expect(readdirSync(join(dir, 'fonts')).some((f) => f.endsWith('.woff2'))).toBe(true);
  });

  it.each(['api', 'worker', 'deadLetterHandler'] as const)("initializes the %s as Lambda would, with the stack's environment", async (name) => {
    const entry = pathToFileURL(join(assetDir(functions()[name]), 'index.mjs')).href;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(entry)}); console.log(typeof m.handler);`],
      { env: lambdaEnvironment(s, functions()[name]), timeout: 30_000 },
    );
    expect(stdout.trim()).toBe('function');
  });

  it.each(['api', 'worker', 'deadLetterHandler'] as const)('can load every chunk of the %s, those only a dynamic import() reaches included', async (name) => {
    // A chunk whose imports do not resolve inside the package would fail only on the request that first needs it.
    const dir = assetDir(functions()[name]);
    const chunks = readdirSync(dir)
      .filter((f) => f.endsWith('.mjs') && f !== 'index.mjs')
      .map((f) => pathToFileURL(join(dir, f)).href);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', `for (const c of ${JSON.stringify(chunks)}) await import(c); console.log('loaded');`],
      { env: lambdaEnvironment(s, functions()[name]), timeout: 60_000 },
    );
    expect(chunks.length).toBeGreaterThan(0);
    expect(stdout.trim()).toBe('loaded');
  });

  it.each(['api', 'worker', 'deadLetterHandler'] as const)('ships the %s without a source map, and Lambda starts it without --enable-source-maps', (name) => {
    const dir = assetDir(functions()[name]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs'))) expect(readFileSync(join(dir, file), 'utf8')).not.toContain('sourceMappingURL');
    const variables = (resourceOf(s, functions()[name]).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.NODE_OPTIONS).toBeUndefined();
  });
});
