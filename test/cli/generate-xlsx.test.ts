import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCli } from '../helpers/demo-cli';
import { openWithLibreOffice } from '../helpers/xlsx-sheets';

const cli = demoCli;

describe('generate --format xlsx', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-xlsx-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes a workbook beside a pt-BR dialect CSV, whose amounts sum to the workbook total', async () => {
    const out = join(dir, 'cost.xlsx');
    const { code, stdout, stderr } = await cli([
      'generate',
      '--type',
      'cost',
      '--preset',
      'last-30-days',
      '--format',
      'xlsx,csv',
      '--csv-dialect',
      'pt-BR',
      '--locale',
      'pt-BR',
      '--out',
      out,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${out}`);
    const summary = new Map((await openWithLibreOffice(await readFile(out))).get('Resumo')!.map(([k, v]) => [k, v]));
    const csv = (await readFile(join(dir, 'cost.csv'), 'utf8'))
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    const header = csv[0].split(';');
    expect(header).toContain('amount');
    const amount = header.indexOf('amount');
    // No text field of the demo cloud holds a semicolon, so splitting is enough here.
    const cents = csv.slice(1).reduce((n, line) => n + Math.round(Number(line.split(';')[amount].replace(',', '.')) * 100), 0);
    expect(cents).toBe(Math.round(Number(summary.get('Total')) * 100));
  });

  it('refuses an unknown dialect with exit code 2, naming the flag', async () => {
    const { code, stderr } = await cli(['generate', '--type', 'cost', '--format', 'csv', '--csv-dialect', 'excel', '--out', join(dir, 'x.csv')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/csv-dialect|csvDialect/);
  });
});
