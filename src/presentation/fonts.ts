import { readAsset } from './assets';

/** Family stack of every report: Latin/Greek/Cyrillic, then Arabic, then Japanese. */
export const fontStack = "'Noto Sans','Noto Sans Arabic','Noto Sans JP',sans-serif";
const familyOrder = ['Noto Sans', 'Noto Sans Arabic', 'Noto Sans JP'];

interface Face {
  family: string;
  weight: number;
  file: string;
  ranges: [number, number][];
}

let faces: Face[] | undefined;
const base64 = new Map<string, string>();
const cssCache = new Map<string, string>();

function manifest(): Face[] {
  faces ??= JSON.parse(readAsset('fonts/manifest.json').toString('utf8')) as Face[];
  return faces;
}

/** The subset a face file belongs to, independent of weight: `noto-sans-latin`. */
const subsetOf = (face: Face) => face.file.replace(/-\d+-normal\.woff2$/, '');

function covers(face: Face, cp: number): boolean {
  for (const [lo, hi] of face.ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

/**
 * `@font-face` rules, as inline `data:` URLs, for the font subsets that the given text needs: the
 * Latin subsets always, and for each other character the first family in the stack with a subset
 * covering it. Inlining only what is used keeps a Latin-only page's fonts at about 30 KB, where all
 * Japanese subsets would add 4.7 MB of base64 to every chunk's HTML. Regular and bold are included
 * where the family ships both.
 */
export function fontFaceCss(text: string): string {
  const all = manifest();
  const regular = all.filter((f) => f.weight === 400);
  const subsets = new Set<string>(['noto-sans-latin']);
  const seen = new Set<number>();
  // A regular expression finds the few non-ASCII characters far faster than iterating 500 KB of HTML.
  // eslint-disable-next-line no-control-regex -- the range is all of ASCII
  for (const [ch] of text.matchAll(/[^\x00-\x7f]/gu)) {
    const cp = ch.codePointAt(0) as number;
    if (seen.has(cp)) continue;
    seen.add(cp);
    for (const family of familyOrder) {
      const face = regular.find((f) => f.family === family && covers(f, cp));
      if (face) {
        subsets.add(subsetOf(face));
        break;
      }
    }
  }
  const key = [...subsets].sort().join(',');
  let css = cssCache.get(key);
  if (css === undefined) {
    css = all
      .filter((f) => subsets.has(subsetOf(f)))
      .map((f) => {
        let data = base64.get(f.file);
        if (data === undefined) base64.set(f.file, (data = readAsset(`fonts/${f.file}`).toString('base64')));
        const range = f.ranges.map(([lo, hi]) => (lo === hi ? `U+${lo.toString(16)}` : `U+${lo.toString(16)}-${hi.toString(16)}`)).join(',');
        return `@font-face{font-family:'${f.family}';font-style:normal;font-weight:${f.weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range}}`;
      })
      .join('\n');
    // Bounded: chunks of one report mostly share a key; a long-lived process sees many reports.
    if (cssCache.size >= 32) cssCache.clear();
    cssCache.set(key, css);
  }
  return css;
}
