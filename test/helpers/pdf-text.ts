import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What a PDF says (with `layout: false`, in reading order, so wrapped cells stay together), read back with poppler's pdftotext (Debian's poppler-utils): all text, and per page. */
export async function pdfText(pdf: Uint8Array, options: { layout?: boolean } = {}): Promise<{ text: string; pages: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-text-'));
  try {
    const file = join(dir, 'in.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', [...(options.layout === false ? [] : ['-layout']), '-enc', 'UTF-8', file, '-'], { maxBuffer: 512 * 1024 * 1024 });
    const pages = stdout.split('\f');
    if (pages.at(-1)?.trim() === '') pages.pop();
    return { text: stdout, pages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
