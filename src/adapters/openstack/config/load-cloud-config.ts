import { homedir } from 'node:os';
import type { CloudConfig } from './cloud-config';
import { CloudConfigError } from './cloud-config-error';
import { cloudConfigFromEntry } from './cloud-entry';
import { candidatePaths, deepMerge, isPlainObject, readFirstYaml } from './clouds-files';
import { envCloudEntry, envKeyName } from './env-cloud-entry';

export interface LoadCloudConfigOptions {
  /** The cloud to use from clouds.yaml (`--os-cloud`); defaults to `OS_CLOUD`. */
  cloud?: string;
  /** Defaults to `process.env`. */
  env?: Record<string, string | undefined>;
  /** Where `./clouds.yaml` is looked for; defaults to `process.cwd()`. */
  cwd?: string;
  /** Home of `~/.config/openstack/`; defaults to `os.homedir()`. */
  homeDir?: string;
  /** Defaults to `/etc/openstack`. */
  systemConfigDir?: string;
}

/**
 * Reads the cloud configuration the way the OpenStack CLI does: a cloud named by `cloud` or
 * `OS_CLOUD` from the first clouds.yaml found (`OS_CLIENT_CONFIG_FILE`, `./`, `~/.config/openstack/`,
 * `/etc/openstack/`) with secure.yaml merged over it; otherwise the `OS_*` variables.
 *
 * @throws CloudConfigError naming the file and the missing key, never a secret.
 */
export async function loadCloudConfig(options: LoadCloudConfigOptions = {}): Promise<CloudConfig> {
  const env = options.env ?? process.env;
  const search = {
    env,
    cwd: options.cwd ?? process.cwd(),
    homeDir: options.homeDir ?? homedir(),
    systemDir: options.systemConfigDir ?? '/etc/openstack',
  };
  const cloud = options.cloud ?? (env.OS_CLOUD || undefined);

  if (cloud === undefined) {
    if (env.OS_AUTH_URL) {
      return cloudConfigFromEntry(envCloudEntry(env), {
        name: 'envvars',
        source: 'environment',
        where: 'OS_* environment variables',
        keyName: envKeyName,
      });
    }
    throw new CloudConfigError(
      'no OpenStack cloud selected: set OS_CLOUD (or pass a cloud name) to use clouds.yaml, or set OS_AUTH_URL and the other OS_* variables',
    );
  }

  const paths = candidatePaths(search, 'clouds');
  const clouds = await readFirstYaml(paths);
  if (!clouds) {
    throw new CloudConfigError(`cloud "${cloud}" requested but no clouds.yaml was found (looked in: ${paths.join(', ')})`);
  }
  const secure = await readFirstYaml(candidatePaths(search, 'secure'));
  const entries = cloudsOf(clouds.doc, clouds.path);
  const secureEntries = secure ? cloudsOf(secure.doc, secure.path) : {};
  const entry = entries[cloud];
  if (entry === undefined) {
    const names = Object.keys(entries);
    throw new CloudConfigError(
      `cloud "${cloud}" not found in ${clouds.path}; ${names.length > 0 ? `clouds there: ${names.join(', ')}` : 'it defines no clouds'}`,
    );
  }
  const source = secure && secureEntries[cloud] !== undefined ? `${clouds.path} + ${secure.path}` : clouds.path;
  return cloudConfigFromEntry(deepMerge(entry, secureEntries[cloud]), {
    name: cloud,
    source,
    where: `cloud "${cloud}" in ${source}`,
  });
}

function cloudsOf(doc: unknown, path: string): Record<string, unknown> {
  if (doc === null || doc === undefined) return {};
  if (!isPlainObject(doc)) throw new CloudConfigError(`${path} must be a mapping with a "clouds" key`);
  const clouds = doc.clouds ?? {};
  if (!isPlainObject(clouds)) throw new CloudConfigError(`${path}: "clouds" must be a mapping of cloud names to settings`);
  return clouds;
}
