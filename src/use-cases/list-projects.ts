import type { Ports } from '../domain/deps';

/** A project a report can name, as `GET /v1/projects` lists it. */
export interface ProjectChoice {
  id: string;
  name: string;
  domainId?: string;
  enabled: boolean;
}

/**
 * The projects the configured cloud can report on (all of them for an admin account, else those its
 * user may scope to), by name. Errors of the cloud are the inventory source's own (`retryable` says
 * whether asking again may help).
 */
export async function listProjects(deps: Pick<Ports, 'inventory'>): Promise<ProjectChoice[]> {
  const projects = await (await deps.inventory()).listProjects();
  return projects
    .map((p) => ({ id: p.id, name: p.name, ...(p.domainId ? { domainId: p.domainId } : {}), enabled: p.enabled }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id));
}
