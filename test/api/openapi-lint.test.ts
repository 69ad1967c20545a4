/**
 * The OpenAPI document, exactly as `/v1/openapi.json` serves it, linted by Redocly CLI with its
 * recommended rules (as configured in the checked-in `redocly.yaml`): no errors and no warnings.
 * Among those rules, `no-invalid-media-type-examples` and `no-invalid-parameter-examples` check
 * every example against the document's JSON Schema (additional properties refused).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFakeApp } from '../helpers/api-fakes';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

/** `redocly lint --format=json` on a file; it exits 1 when there are errors, so the exit code is not the verdict. */
async function redoclyLint(file: string): Promise<LintReport> {
  const pkgPath = require.resolve('@redocly/cli/package.json');
  const pkg = JSON.parse(await readFile(pkgPath, 'utf8')) as { bin: Record<string, string> };
  const cli = join(dirname(pkgPath), pkg.bin.redocly!);
  const stdout = await new Promise<string>((done, fail) => {
    execFile(
      process.execPath,
      [cli, 'lint', file, '--config', join(repoRoot, 'redocly.yaml'), '--format=json'],
      // Offline and quiet: no telemetry, no update check.
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        maxBuffer: 32 * 1024 * 1024,
        timeout: 60_000,
      },
      (error, out, err) => {
        if (out.trim().startsWith('{')) done(out);
        else fail(new Error(`redocly lint gave no report (${error?.message ?? 'exit 0'}):\n${err}`));
      },
    );
  });
  return JSON.parse(stdout) as LintReport;
}

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }> }>>;
};

describe('the OpenAPI document, linted by Redocly', () => {
  let dir: string;
  let served: string;
  let report: LintReport;

  beforeAll(async () => {
    const res = await apiFakeApp().app.request('http://api.test/v1/openapi.json');
    expect(res.status).toBe(200);
    served = await res.text();
    dir = await mkdtemp(join(tmpdir(), 'osr-openapi-lint-'));
    const file = join(dir, 'openapi.json');
    await writeFile(file, served);
    report = await redoclyLint(file);
  }, 90_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has no errors and no warnings under the recommended rules', () => {
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`);
    expect(problems, problems.join('\n')).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });

  it('would catch an example that does not match its schema (the check above is not vacuous)', async () => {
    const doc = JSON.parse(served) as Doc;
    const example = doc.paths['/v1/reports/{id}']!.get!.responses['200']!.content!['application/json']!.examples!.succeeded!.value as Record<string, unknown>;
    example.attempts = 'one';
    example.colour = 'blue';
    const file = join(dir, 'broken.json');
    await writeFile(file, JSON.stringify(doc));
    const broken = await redoclyLint(file);
    expect(broken.problems.map((p) => `${p.ruleId} ${p.location[0]!.pointer}`).sort()).toEqual([
      'no-invalid-media-type-examples #/paths/~1v1~1reports~1{id}/get/responses/200/content/application~1json/examples/succeeded/value/attempts',
      'no-invalid-media-type-examples #/paths/~1v1~1reports~1{id}/get/responses/200/content/application~1json/examples/succeeded/value/colour',
    ]);
  }, 90_000);
});
