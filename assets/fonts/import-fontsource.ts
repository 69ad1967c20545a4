/**
 * Copies the font subsets the reports embed from unpacked @fontsource packages into this folder and
 * writes `manifest.json` (family, weight, file, unicode ranges). Run it again to update the fonts:
 *
 *   npx tsx assets/fonts/import-fontsource.ts <dir holding noto-sans/, noto-sans-arabic/, noto-sans-jp/ package folders>
 *
 * The fonts ship in the repository (not as npm dependencies) because the Lambda bundle copies
 * `assets/` as is, and the Japanese package alone is 80 MB with weights the reports never use.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Source {
  pkg: string;
  weights: number[];
  /** Subset names to keep (the comment before each @font-face); undefined keeps every subset. */
  subsets?: string[];
}

const sources: Source[] = [
  { pkg: 'noto-sans', weights: [400, 700], subsets: ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese'] },
  { pkg: 'noto-sans-arabic', weights: [400, 700], subsets: ['arabic'] },
  // Japanese in regular only: bold CJK text (rare: a title) is synthesised by the browser.
  { pkg: 'noto-sans-jp', weights: [400] },
];

const root = process.argv[2];
if (!root) throw new Error('usage: import-fontsource.ts <dir with unpacked @fontsource packages>');
const here = dirname(fileURLToPath(import.meta.url));
const manifest: { family: string; weight: number; file: string; ranges: [number, number][] }[] = [];

for (const source of sources) {
  for (const weight of source.weights) {
    const css = readFileSync(join(root, source.pkg, `${weight}.css`), 'utf8');
    for (const block of css.split('@font-face').slice(1)) {
      const family = /font-family: '([^']+)'/.exec(block)?.[1];
      const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range: ([^;]+);/.exec(block)?.[1];
      if (!family || !file || !range) throw new Error(`unexpected @font-face in ${source.pkg}/${weight}.css`);
      const subset = file.slice(source.pkg.length + 1, -`-${weight}-normal.woff2`.length);
      if (source.subsets && !source.subsets.includes(subset)) continue;
      copyFileSync(join(root, source.pkg, 'files', file), join(here, basename(file)));
      const ranges = range.split(',').map((r): [number, number] => {
        const [lo, hi] = r.trim().replace(/^U\+/, '').split('-');
        return [parseInt(lo, 16), parseInt(hi ?? lo, 16)];
      });
      manifest.push({ family, weight, file: basename(file), ranges });
    }
  }
}
writeFileSync(join(here, 'manifest.json'), JSON.stringify(manifest) + '\n');
console.log(`${manifest.length} font subsets`);
