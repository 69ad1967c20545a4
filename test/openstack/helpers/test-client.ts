import { TtlCache } from '../../../src/adapters/openstack/cache/ttl-cache';
import { OpenStackClient } from '../../../src/adapters/openstack/client';
import type { OpenStackClientOptions } from '../../../src/adapters/openstack/client-options';
import { cloudConfigFromDocument } from '../../../src/adapters/openstack/config/cloud-config-from-document';
import type { CloudConfig } from '../../../src/adapters/openstack/config/cloud-config';
import type { Logger } from '../../../src/domain/ports';

/** A password cloud config against the fixture server's keystone. */
export function fixtureConfig(base: string, extra: Record<string, unknown> = {}): CloudConfig {
  return cloudConfigFromDocument({
    auth: {
      auth_url: `${base}/identity/v3`,
      username: 'admin',
      password: 'pa55w0rd-secret',
      project_name: 'admin',
      user_domain_name: 'Default',
      project_domain_name: 'Default',
    },
    region_name: 'RegionOne',
    ...extra,
  });
}

/** A client with fast retries, its own cache and no jitter, so tests are quick and deterministic. */
export function fixtureClient(base: string, options: OpenStackClientOptions = {}, extra: Record<string, unknown> = {}): OpenStackClient {
  return new OpenStackClient(fixtureConfig(base, extra), {
    cache: new TtlCache(),
    retryBaseDelayMs: 1,
    retryMaxDelayMs: 5,
    random: () => 0.5,
    timeoutMs: 5_000,
    ...options,
  });
}

/** A logger that remembers every line. */
export function memoryLogger(): Logger & { lines: { level: string; message: string; extra?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  const logger = {
    lines,
    debug: (message: string, extra?: Record<string, unknown>) => lines.push({ level: 'debug', message, extra }),
    info: (message: string, extra?: Record<string, unknown>) => lines.push({ level: 'info', message, extra }),
    warn: (message: string, extra?: Record<string, unknown>) => lines.push({ level: 'warn', message, extra }),
    error: (message: string, extra?: Record<string, unknown>) => lines.push({ level: 'error', message, extra }),
    with: () => logger,
  };
  return logger;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejection<E = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
