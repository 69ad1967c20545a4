import type { z } from 'zod';
import type { ServiceClient } from '../service-client';

/** One parsed page: its items and the server's next link, if it sent one. */
export interface ParsedPage<T> {
  items: T[];
  /** The href exactly as the server sent it (absolute or relative), or undefined on the last page. */
  next?: string;
}

/**
 * Walks a paginated collection by following the server's next link, never by building markers
 * (gophercloud `pagination.Pager`). Each service's `results.ts` knows its link shape and turns a
 * body into `{items, next}`: nova/cinder/neutron `*_links` arrays, keystone's links object, glance's
 * top-level `next`. Stops on the last page, on an empty page, and on a next link whose URL or
 * marker was already visited (a server bug that would otherwise loop forever).
 */
export async function* paginate<T>(
  client: ServiceClient,
  firstUrl: string,
  schema: z.ZodType<ParsedPage<T>>,
): AsyncGenerator<T[], void, undefined> {
  const visitedUrls = new Set<string>();
  const visitedMarkers = new Set<string>();
  let url: string | undefined = firstUrl;
  while (url !== undefined) {
    visitedUrls.add(url);
    const marker = markerOf(url);
    if (marker !== undefined) visitedMarkers.add(marker);

    const page: ParsedPage<T> = await client.getParsed(url, schema);
    yield page.items;

    if (page.next === undefined || page.items.length === 0) return;
    const next = client.resolve(page.next);
    const nextMarker = markerOf(next);
    if (visitedUrls.has(next) || (nextMarker !== undefined && visitedMarkers.has(nextMarker))) return;
    url = next;
  }
}

/** Every item of every page. */
export async function collectAll<T>(client: ServiceClient, firstUrl: string, schema: z.ZodType<ParsedPage<T>>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of paginate(client, firstUrl, schema)) {
    for (const item of items) all.push(item);
  }
  return all;
}

function markerOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('marker') ?? undefined;
  } catch {
    return undefined;
  }
}
