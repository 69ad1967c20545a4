import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseCsvText } from './csv-text';

const run = promisify(execFile);

/**
 * Opens a workbook in LibreOffice headless and returns every sheet as CSV rows, by sheet name:
 * what a user's spreadsheet program reads, not what our writer meant. `shown`: cells as displayed
 * (number formats applied) instead of their stored values.
 */
export async function openWithLibreOffice(xlsx: Uint8Array, options: { shown?: boolean } = {}): Promise<Map<string, string[][]>> {
  const dir = await mkdtemp(join(tmpdir(), 'xlsx-soffice-'));
  try {
    const file = join(dir, 'book.xlsx');
    await writeFile(file, xlsx);
    // Filter options: comma, double quote, UTF-8, from row 1, ..., token 9 = as shown, token 12 = -1: every sheet.
    const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${options.shown ? 'true' : 'false'},false,false,-1`;
    // A profile of its own, so parallel tests (and a user's running LibreOffice) do not share a lock.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    await run('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', filter, '--outdir', dir, file], { timeout: 120_000 });
    const sheets = new Map<string, string[][]>();
    for (const name of await readdir(dir)) {
      const match = /^book-(.+)\.csv$/.exec(name);
      if (match) sheets.set(match[1], parseCsvText(await readFile(join(dir, name), 'utf8')));
    }
    return sheets;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
