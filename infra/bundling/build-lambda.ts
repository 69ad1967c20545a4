import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { lambdaBuildOptions, lambdaEntries, repoRoot, type LambdaName } from './lambda-bundle';

/** A function's code as its package holds it, with what esbuild says went into it. */
export interface BuiltLambda {
  /** The module Lambda loads (`index.mjs`). */
  readonly entry: string;
  /** Bytes of `index.mjs` alone. */
  readonly entryBytes: number;
  /** Bytes loaded at cold start: `index.mjs` and the chunks it imports statically. */
  readonly startBytes: number;
  /** Bytes of every chunk, those that only a dynamic `import()` loads included. */
  readonly totalBytes: number;
  /** The npm packages with at least one file in the code, lazily loaded chunks included. */
  readonly packages: ReadonlySet<string>;
  readonly metafile: Metafile;
}

/**
 * Bundles one function's entry into `outdir` with the options the deployment uses, without the CDK
 * (no synthesis, no asset staging, no copied assets): for measuring and inspecting the code.
 */
export async function buildLambda(name: LambdaName, outdir: string): Promise<BuiltLambda> {
  const { metafile } = await build({ ...lambdaBuildOptions(lambdaEntries[name], outdir), metafile: true });
  const outputs = metafile.outputs;
  // Metafile paths are relative to the working directory esbuild ran in (the repository root).
  const entry = relative(repoRoot, join(outdir, 'index.mjs'));
  const start = staticClosure(metafile, entry);
  const sum = (files: Iterable<string>) => [...files].reduce((bytes, f) => bytes + outputs[f].bytes, 0);
  return {
    entry: join(outdir, 'index.mjs'),
    entryBytes: outputs[entry].bytes,
    startBytes: sum(start),
    totalBytes: sum(Object.keys(outputs)),
    packages: bundledPackages(metafile),
    metafile,
  };
}

/** An output file and every chunk it imports statically, transitively: what importing it loads. */
function staticClosure(metafile: Metafile, file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const i of metafile.outputs[f].imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  visit(file);
  return seen;
}

/** The npm packages a bundle's inputs come from (`@scope/name` or `name`), from esbuild's metafile. */
export function bundledPackages(metafile: Metafile): Set<string> {
  const packages = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*\/node_modules\/)/.exec(input);
    if (match) packages.add(match[1]);
  }
  return packages;
}
