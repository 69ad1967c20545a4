import type { FloatingIp, Server, Volume } from '../domain/cloud';
import { sumMoney } from './money';
import type { ProjectNames } from './project-names';
import type { WasteSection } from './report-data';

export interface WasteInputs {
  /** Servers the report covers (filters applied). */
  servers: Server[];
  volumes: Volume[];
  floatingIps: FloatingIp[];
  now: Date;
  shutoffDays: number;
  names: ProjectNames;
  /** The printed cost of a resource by id (monthly or in the period), when a price list is present. */
  costOf?: (kind: 'server' | 'volume' | 'floatingIp', id: string) => string | undefined;
  costBasis: WasteSection['costBasis'];
}

const msPerDay = 86_400_000;

/**
 * Resources that cost money and do nothing: servers SHUTOFF for more than `shutoffDays` (Nova's
 * `updated` time is when the server last changed, i.e. when it was stopped if nothing touched it
 * since), volumes attached to nothing, and floating IPs associated with no port.
 */
export function findWaste(input: WasteInputs): WasteSection {
  const cost = (kind: 'server' | 'volume' | 'floatingIp', id: string) => {
    if (!input.costOf) return {};
    return { cost: input.costOf(kind, id) ?? '0.00' };
  };
  const shutoffServers = input.servers
    .filter((s) => s.status === 'SHUTOFF')
    .flatMap((s) => {
      const since = s.updated ?? s.created;
      const ms = input.now.getTime() - Date.parse(since);
      if (!(ms > input.shutoffDays * msPerDay)) return [];
      return [
        {
          ...input.names.ref(s.projectId),
          id: s.id,
          name: s.name,
          flavor: s.flavor?.name ?? null,
          since,
          days: Math.floor(ms / msPerDay),
          ...cost('server', s.id),
        },
      ];
    })
    .sort((a, b) => b.days - a.days);
  const unattachedVolumes = input.volumes
    .filter((v) => v.attachments.length === 0)
    .map((v) => ({
      ...input.names.ref(v.projectId),
      id: v.id,
      name: v.name,
      sizeGb: v.sizeGb,
      volumeType: v.volumeType ?? null,
      createdAt: v.createdAt,
      ...cost('volume', v.id),
    }))
    .sort((a, b) => b.sizeGb - a.sizeGb);
  const unassociatedFloatingIps = input.floatingIps
    .filter((f) => f.portId === null)
    .map((f) => ({ ...input.names.ref(f.projectId), id: f.id, address: f.address, createdAt: f.createdAt ?? null, ...cost('floatingIp', f.id) }));
  const section: WasteSection = {
    shutoffDays: input.shutoffDays,
    costBasis: input.costOf ? input.costBasis : null,
    shutoffServers,
    unattachedVolumes,
    unassociatedFloatingIps,
  };
  if (input.costOf) {
    section.totalCost = sumMoney([...shutoffServers, ...unattachedVolumes, ...unassociatedFloatingIps].map((w) => w.cost)).toFixed(2);
  }
  return section;
}
