import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Locates `assets/` (fonts, logo): `../../assets` from this file in the source tree, `../assets` from
 * the compiled CLI in `dist/` (the package's own folder), or `./assets` beside a Lambda bundle.
 */
function assetsDir(): string {
  for (const candidate of ['../../assets/', '../assets/', './assets/']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}fonts/manifest.json`)) return dir;
  }
  throw new Error('Report assets not found: copy the assets/ folder next to the bundle');
}

let dir: string | undefined;

/** Reads a file from `assets/`. */
export function readAsset(path: string): Buffer {
  dir ??= assetsDir();
  return readFileSync(dir + path);
}

let logo: string | undefined;

/** The default logo as a data URL. */
export function defaultLogoDataUrl(): string {
  logo ??= `data:image/svg+xml;base64,${readAsset('logo.svg').toString('base64')}`;
  return logo;
}
