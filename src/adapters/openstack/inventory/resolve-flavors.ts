import type { Flavor, Server } from '../../../domain/cloud';
import type { ParsedServer } from '../compute/results';

/**
 * Before compute 2.47 a server names its flavor by id only. Looks each up in the flavor list
 * fetched once per run; a flavor deleted since the server was built is not an error: the server
 * keeps a placeholder flavor with `deleted: true` and zero sizes.
 */
export function resolveFlavors(servers: readonly ParsedServer[], flavors: readonly Flavor[]): Server[] {
  const byId = new Map(flavors.map((f) => [f.id, f]));
  return servers.map((parsed) => {
    // From 2.47 there is no reference and the parsed server already is a domain Server.
    if (parsed.flavorRef === undefined) return parsed;
    const { flavorRef, ...server } = parsed;
    return { ...server, flavor: byId.get(flavorRef) ?? deletedFlavor(flavorRef) };
  });
}

export function deletedFlavor(id: string): Flavor {
  return { id, name: `(deleted flavor ${id})`, vcpus: 0, ramMb: 0, diskGb: 0, ephemeralGb: 0, swapMb: 0, deleted: true };
}

/** True when some server still needs the flavor list (pre-2.47 references). */
export function needsFlavorList(servers: readonly ParsedServer[]): boolean {
  return servers.some((s) => s.flavorRef !== undefined);
}
