import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = new URL('../', import.meta.url).pathname;
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as IConfiguration;

const scratchDirs: string[] = [];
afterAll(async () => {
  for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
});

/** Cruises a scratch tree of files (path → source) with the repository's rules; returns the rule names broken. */
async function brokenRules(files: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'architecture-'));
  scratchDirs.push(dir);
  for (const [path, source] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), source);
  }
  const { tsConfig: _repoTsConfig, ...options } = config.options ?? {};
  const result = await cruise(['src'], { ...options, baseDir: dir, ruleSet: { forbidden: config.forbidden }, validate: true });
  const summary = (result.output as ICruiseResult).summary;
  return [...new Set(summary.violations.map((v) => v.rule.name))].sort();
}

describe('the architecture rules', () => {
  it('hold on the repository as it is', async () => {
    const { tsConfig: _tsConfig, ...options } = config.options ?? {};
    const result = await cruise(['src', 'test', 'bench', 'infra', 'scripts'], {
      ...options,
      baseDir: repoRoot,
      tsConfig: { fileName: 'tsconfig.json' },
      ruleSet: { forbidden: config.forbidden },
      validate: true,
    });
    expect((result.output as ICruiseResult).summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  /** A tree that keeps every rule; each case below breaks one by changing a single file. */
  const clean = {
    'src/domain/model.ts': 'export type M = { id: string };\n',
    'src/adapters/aws/store.ts': "import type { M } from '../../domain/model';\nexport class Store { m?: M; }\n",
    'src/report-engine/build.ts': 'export const build = 1;\n',
    'src/presentation/page.ts': 'export const page = 1;\n',
    'src/handlers/api/route.ts': 'export const handle = 1;\n',
  };

  it('hold on the clean scratch tree the cases below start from', async () => {
    expect(await brokenRules(clean)).toEqual([]);
  });

  it.each([
    ['src/domain/model.ts', "import { Store } from '../adapters/aws/store';\nexport type M = Store;\n", 'domain-imports-nothing-of-ours'],
    ['src/use-cases/do-it.ts', "import { build } from '../report-engine/build';\nexport const run = build;\n", 'use-cases-import-only-domain'],
    ['src/report-engine/build.ts', "import { page } from '../presentation/page';\nexport const build = page;\n", 'report-engine-imports-only-domain'],
    [
      'src/presentation/page.ts',
      "import { Store } from '../adapters/aws/store';\nexport const page = Store;\n",
      'presentation-imports-only-domain-and-view-model',
    ],
    ['src/adapters/aws/leak.ts', "import { handle } from '../../handlers/api/route';\nexport const leak = handle;\n", 'adapters-import-only-domain'],
    ['src/handlers/api/route.ts', "import { Store } from '../../adapters/aws/store';\nexport const handle = Store;\n", 'handlers-import-use-cases-and-domain'],
    ['src/demo-cloud/nova.ts', "import type { M } from '../domain/model';\nexport type N = M;\n", 'demo-cloud-stands-alone'],
  ])('refuse %s importing across its layer (%s)', async (path, source, rule) => {
    expect(await brokenRules({ ...clean, [path]: source })).toContain(rule);
  });

  it('refuse an import of the wiring from below it', async () => {
    expect(
      await brokenRules({
        'src/wiring/aws.ts': 'export const wiring = 1;\n',
        'src/adapters/aws/store.ts': "import { wiring } from '../../wiring/aws';\nexport const store = wiring;\n",
      }),
    ).toContain('only-wiring-imports-wiring');
  });

  it('refuse a cycle made of type-only imports', async () => {
    expect(
      await brokenRules({
        'src/domain/a.ts': "import type { B } from './b';\nexport type A = { b?: B };\n",
        'src/domain/b.ts': "import type { A } from './a';\nexport type B = { a?: A };\n",
      }),
    ).toEqual(['no-circular']);
  });
});
