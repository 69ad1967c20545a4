import type { ProjectUsage } from '../../../domain/cloud';
import type { TenantUsagePart } from './results';

/**
 * Merges os-simple-tenant-usage entries per project. From 2.40 nova pages by *instance*, so one
 * project can appear on several pages, each entry carrying the totals of its own servers only:
 * sums add up, server lists concatenate, and the period spans all parts.
 */
export function stitchTenantUsages(parts: readonly TenantUsagePart[]): ProjectUsage[] {
  const byProject = new Map<string, ProjectUsage>();
  for (const part of parts) {
    const seen = byProject.get(part.projectId);
    if (!seen) {
      byProject.set(part.projectId, { ...part, servers: [...part.servers] });
      continue;
    }
    seen.totalHours += part.totalHours;
    seen.vcpuHours += part.vcpuHours;
    seen.memoryMbHours += part.memoryMbHours;
    seen.diskGbHours += part.diskGbHours;
    if (part.start < seen.start) seen.start = part.start;
    if (part.stop > seen.stop) seen.stop = part.stop;
    for (const server of part.servers) seen.servers.push(server);
  }
  return [...byProject.values()];
}
