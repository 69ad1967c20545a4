import type { Project, ProjectScope } from '../domain/cloud';
import { AppError } from '../domain/errors';
import type { ReportSpec } from '../domain/report-spec';

/** The projects a report covers. */
export interface ResolvedScope {
  /** What to ask the cloud for. */
  fetch: ProjectScope;
  /** True when the spec named no projects. */
  allProjects: boolean;
  /** The projects in the report (all visible projects when `allProjects`). */
  projects: Project[];
}

/**
 * Resolves the spec's project ids and names against the projects the credentials see. A name or id
 * that matches nothing, or a name that matches several projects (same name in two domains), is an
 * error the user can fix, so it is permanent (`retryable: false`).
 */
export function resolveScope(spec: Pick<ReportSpec, 'scope'>, visible: Project[]): ResolvedScope {
  const ids = spec.scope?.projectIds ?? [];
  const names = spec.scope?.projectNames ?? [];
  if (ids.length === 0 && names.length === 0) {
    return { fetch: { kind: 'all' }, allProjects: true, projects: visible };
  }
  const byId = new Map(visible.map((p) => [p.id, p]));
  const chosen = new Map<string, Project>();
  const unknownIds = ids.filter((id) => !byId.has(id));
  if (unknownIds.length > 0) {
    throw new AppError(
      'project_not_found',
      `Unknown project id${unknownIds.length > 1 ? 's' : ''}: ${unknownIds.join(', ')}. Check the id, or that the credentials can see the project.`,
    );
  }
  for (const id of ids) chosen.set(id, byId.get(id) as Project);
  const unknownNames: string[] = [];
  for (const name of names) {
    const matches = visible.filter((p) => p.name === name);
    if (matches.length === 0) unknownNames.push(name);
    else if (matches.length > 1) {
      throw new AppError(
        'project_ambiguous',
        `The project name "${name}" matches ${matches.length} projects (ids ${matches.map((p) => p.id).join(', ')}); give scope.projectIds instead.`,
      );
    } else chosen.set(matches[0].id, matches[0]);
  }
  if (unknownNames.length > 0) {
    throw new AppError(
      'project_not_found',
      `Unknown project name${unknownNames.length > 1 ? 's' : ''}: ${unknownNames.map((n) => `"${n}"`).join(', ')}. Names are case-sensitive; check the spelling, or that the credentials can see the project.`,
    );
  }
  const projects = [...chosen.values()];
  return { fetch: { kind: 'projects', projectIds: projects.map((p) => p.id) }, allProjects: false, projects };
}
