import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The official OpenStack API samples, vendored unmodified (see its README.md and PROVENANCE.md). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../fixtures/openstack-api-samples/', import.meta.url));

/** Parsed sample `service/file.json`. */
export function sample<T = unknown>(path: string): T {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, path), 'utf8')) as T;
}

/**
 * A sample with its documentation host (`http://openstack.example.com/...`) rewritten to `base`,
 * so its next links point at the fixture server.
 */
export function sampleAt<T = unknown>(path: string, from: string, to: string): T {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, path), 'utf8').replaceAll(from, to)) as T;
}

/** Every `service/file.json` in the samples directory. */
export function allSamples(): string[] {
  return readdirSync(SAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(SAMPLES_DIR, d.name))
        .filter((f) => f.endsWith('.json'))
        .map((f) => `${d.name}/${f}`),
    )
    .sort();
}
