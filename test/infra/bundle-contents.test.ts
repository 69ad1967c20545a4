import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambda, type BuiltLambda } from '../../infra/bundling/build-lambda';
import { lambdaTarget, type LambdaName } from '../../infra/bundling/lambda-bundle';
import { functionRuntime } from '../../infra/constructs/esm-function';

/** What only the worker renders reports with: headless Chromium, charts, PDF assembly and Excel workbooks. */
const reportPipelinePackages = ['puppeteer-core', '@sparticuz/chromium', 'echarts', 'pdf-lib', 'exceljs'];
/** Budget of the code the API function loads at cold start (index.mjs and its static chunks): the first request waits for it. */
const apiStartBudgetBytes = 1_000_000;

// esbuild with the deployment's options (infra/bundling/lambda-bundle.ts), without the CDK: its metafile lists every input.
let dir: string;
const built: Partial<Record<LambdaName, BuiltLambda>> = {};
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openstack-reports-bundle-'));
  for (const name of ['api', 'deadLetter', 'worker'] as const) built[name] = await buildLambda(name, join(dir, name));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('function bundle contents', () => {
  // Lazily loaded chunks count too: the package must not hold the pipeline at all.
  it.each(['api', 'deadLetter'] as const)('keeps the report pipeline out of the %s function', (name) => {
    expect(reportPipelinePackages.filter((p) => built[name]!.packages.has(p))).toEqual([]);
  });

  it('finds those packages where they belong, in the worker (the check above can see them)', () => {
    expect(reportPipelinePackages.filter((p) => built.worker!.packages.has(p))).toEqual(reportPipelinePackages);
  });

  it(`keeps the code the API function loads at cold start within ${apiStartBudgetBytes} bytes`, () => {
    expect(built.api!.entryBytes).toBeLessThanOrEqual(built.api!.startBytes);
    expect(built.api!.startBytes).toBeLessThanOrEqual(apiStartBudgetBytes);
  });

  it("compiles for the functions' runtime", () => {
    expect(functionRuntime.name).toBe(`nodejs${lambdaTarget.replace(/^node/, '')}.x`);
  });
});
