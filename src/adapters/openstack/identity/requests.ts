import type { Project } from '../../../domain/cloud';
import type { Logger } from '../../../domain/ports';
import { OpenStackHttpError } from '../errors/openstack-http-error';
import { paginate } from '../pagination/pager';
import type { ServiceClient } from '../service-client';
import { domainsPageSchema, projectsPageSchema, type KeystoneDomain } from './results';
import { authDomainsUrl, authProjectsUrl, domainsUrl, projectsUrl } from './urls';

/** Keystone calls. The client's endpoint ends in `/v3`. */

/**
 * All projects (`GET /v3/projects`, admin) or, when that is forbidden, the projects the token's
 * user may scope to (`GET /v3/auth/projects`).
 */
export async function listProjects(client: ServiceClient, logger?: Logger): Promise<{ projects: Project[]; all: boolean }> {
  try {
    return { projects: await collectKeystone(client, projectsUrl(client.endpoint), logger), all: true };
  } catch (error) {
    if (!(error instanceof OpenStackHttpError) || error.status !== 403) throw error;
    return { projects: await collectKeystone(client, authProjectsUrl(client.endpoint), logger), all: false };
  }
}

/** All domains (`GET /v3/domains`, admin) or the token's (`GET /v3/auth/domains`). */
export async function listDomains(client: ServiceClient): Promise<KeystoneDomain[]> {
  const collect = async (url: string) => {
    const all: KeystoneDomain[] = [];
    for await (const items of paginate(client, url, domainsPageSchema)) all.push(...items);
    return all;
  };
  try {
    return await collect(domainsUrl(client.endpoint));
  } catch (error) {
    if (!(error instanceof OpenStackHttpError) || error.status !== 403) throw error;
    return collect(authDomainsUrl(client.endpoint));
  }
}

async function collectKeystone(client: ServiceClient, url: string, logger?: Logger): Promise<Project[]> {
  const all: Project[] = [];
  const first = await client.getParsed(url, projectsPageSchema, [200]);
  if (first.truncated) {
    // keystone's list_limit cut the list and offers no next page: say so rather than hide it.
    logger?.warn('keystone truncated the project list (list_limit); some projects are missing', { url });
  }
  all.push(...first.items);
  if (first.next) {
    for await (const items of paginate(client, client.resolve(first.next), projectsPageSchema)) all.push(...items);
  }
  return all;
}
