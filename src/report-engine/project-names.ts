import type { Project } from '../domain/cloud';

/** Looks up project names; a project the credentials cannot list shows as its id. */
export class ProjectNames {
  private readonly names: Map<string, string>;
  /** The project resources without a project id belong to (non-admin views of a one-project scope). */
  readonly fallbackId: string;

  constructor(projects: Project[], fallbackId = '') {
    this.names = new Map(projects.map((p) => [p.id, p.name]));
    this.fallbackId = fallbackId;
  }

  /** `projectId` and `projectName` fields for a resource. */
  ref(projectId: string | undefined): { projectId: string; projectName: string } {
    const id = projectId ?? this.fallbackId;
    return { projectId: id, projectName: this.names.get(id) ?? id };
  }
}
