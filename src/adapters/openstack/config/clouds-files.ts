import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CloudConfigError } from './cloud-config-error';

/** Where openstacksdk looks, in order; the first file found wins (files are not merged). */
export interface ConfigSearch {
  env: Record<string, string | undefined>;
  cwd: string;
  homeDir: string;
  /** `/etc/openstack`, replaceable in tests. */
  systemDir: string;
}

/** Candidate paths for `clouds.yaml` (or `secure.yaml`): the env override first, then the directories. */
export function candidatePaths(search: ConfigSearch, base: 'clouds' | 'secure'): string[] {
  const override = base === 'clouds' ? search.env.OS_CLIENT_CONFIG_FILE : search.env.OS_CLIENT_SECURE_FILE;
  const dirs = [search.cwd, join(search.homeDir, '.config', 'openstack'), search.systemDir];
  const paths = dirs.flatMap((dir) => [join(dir, `${base}.yaml`), join(dir, `${base}.yml`)]);
  return override ? [resolve(search.cwd, override), ...paths] : paths;
}

/** The first readable file among `paths`, parsed; undefined when none exists. */
export async function readFirstYaml(paths: string[]): Promise<{ path: string; doc: unknown } | undefined> {
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
      throw new CloudConfigError(`cannot read ${path}: ${(error as Error).message}`);
    }
    return { path, doc: parseYamlSafely(text, path) };
  }
  return undefined;
}

/**
 * Parses YAML (and so JSON) without letting the parser's message quote the file: a YAML error
 * excerpt could show a password line.
 */
export function parseYamlSafely(text: string, where: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    const code = (error as { code?: string }).code;
    const details = [line ? `line ${line}` : undefined, code].filter(Boolean).join(', ');
    throw new CloudConfigError(`${where} is not valid YAML or JSON${details ? ` (${details})` : ''}`);
  }
}

/** Deep merge for secure.yaml over clouds.yaml: objects merge, anything else is replaced. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) result[key] = deepMerge(base[key], value);
  return result;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
