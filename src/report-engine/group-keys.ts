import type { FloatingIp, Project, Server, ServerUsage, Volume } from '../domain/cloud';
import { ownValue } from '../domain/free-record';
import type { ProjectNames } from './project-names';

/** The key of a resource that has no value for a dimension. */
export const noneKey = '(none)';

/** Said in every grouped report (`grouping.attribution`). */
export const attributionSentence =
  'Volumes and floating IPs follow the group of the server they are attached to, and their project’s group otherwise ' +
  '(for server-only dimensions such as flavor, metadata and tags, "(none)"; a volume’s own zone for availabilityZone). ' +
  'Servers deleted before the report was made are known only from Nova’s usage (project and flavor): their metadata, tags and zone fall in "(none)".';

/**
 * The value of a `tag:<key>` dimension: the tag `key=value` or `key:value` (split at the first `=`
 * or `:`) gives `value`; the first such tag wins. Keys compare exactly.
 */
export function tagValue(tags: readonly string[], key: string): string | undefined {
  for (const tag of tags) {
    const at = tag.search(/[=:]/);
    if (at > 0 && tag.slice(0, at) === key) return tag.slice(at + 1);
  }
  return undefined;
}

/** What one dimension reads from a resource. */
interface Facts {
  projectId: string;
  /** Undefined when unknown (a deleted server). */
  server?: Server;
  flavor?: string | null;
  availabilityZone?: string | null;
}

/** Computes the group keys (and their labels) of servers, volumes and floating IPs for a grouping. */
export class GroupKeys {
  private readonly domainOf: Map<string, string>;
  private readonly projectName: Map<string, string>;
  private readonly servers: Map<string, Server>;
  private readonly serverByFloating: Map<string, Server>;

  constructor(
    readonly dimensions: readonly string[],
    projects: Project[],
    private readonly names: ProjectNames,
    servers: Server[],
  ) {
    this.domainOf = new Map(projects.map((p) => [p.id, p.domainId ?? noneKey]));
    // Keystone lists a domain as a project (is_domain) only to some callers: its name when known, its id otherwise.
    this.projectName = new Map(projects.map((p) => [p.id, p.name]));
    this.servers = new Map(servers.map((s) => [s.id, s]));
    this.serverByFloating = new Map();
    for (const s of servers) for (const a of s.addresses) if (a.type === 'floating') this.serverByFloating.set(a.addr, s);
  }

  /** A server's usage line: the current server when it still exists, Nova's line otherwise. */
  forUsage(line: ServerUsage, projectId: string): string[] {
    const server = this.servers.get(line.instanceId);
    return this.keys({ projectId, server, flavor: server?.flavor?.name ?? line.flavor, availabilityZone: server?.availabilityZone });
  }

  forVolume(v: Volume): string[] {
    const attached = v.attachments.map((a) => this.servers.get(a.serverId)).find((s) => s !== undefined);
    const projectId = this.names.ref(v.projectId).projectId;
    if (attached) return this.forServer(attached);
    return this.keys({ projectId, availabilityZone: v.availabilityZone });
  }

  forFloatingIp(f: FloatingIp): string[] {
    // Nova lists a server's floating addresses, so no Neutron port lookup is needed.
    const attached = this.serverByFloating.get(f.address);
    if (attached) return this.forServer(attached);
    return this.keys({ projectId: this.names.ref(f.projectId).projectId });
  }

  forServer(s: Server): string[] {
    return this.keys({ projectId: this.names.ref(s.projectId).projectId, server: s, flavor: s.flavor?.name, availabilityZone: s.availabilityZone });
  }

  /** Display names of a group's keys: project and domain names where known. */
  labels(keys: readonly string[]): string[] {
    return keys.map((key, i) => {
      const dimension = this.dimensions[i];
      if (key === noneKey) return key;
      if (dimension === 'project') return this.names.ref(key).projectName;
      if (dimension === 'domain') return this.projectName.get(key) ?? key;
      return key;
    });
  }

  private keys(facts: Facts): string[] {
    return this.dimensions.map((d) => this.value(d, facts) || noneKey);
  }

  private value(dimension: string, f: Facts): string | undefined | null {
    switch (dimension) {
      case 'project':
        return f.projectId;
      case 'domain':
        return this.domainOf.get(f.projectId);
      case 'flavor':
        return f.flavor;
      case 'availabilityZone':
        return f.availabilityZone;
    }
    if (!f.server) return undefined;
    if (dimension.startsWith('metadata:')) return ownValue(f.server.metadata, dimension.slice('metadata:'.length));
    if (dimension.startsWith('tag:')) return tagValue(f.server.tags, dimension.slice('tag:'.length));
    return undefined;
  }
}
