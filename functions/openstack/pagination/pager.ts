import type { z } from 'zod';
import type { HttpResponse } from '../http/transport';
import type { ServiceClient } from '../service-client';
import { peekSchema, type LinkStyle } from './link-styles';

/** One parsed page: its items (the schema may also report the next link; the pager reads its own). */
export interface ParsedPage<T> {
  items: T[];
  next?: string;
}

/**
 * Walks a paginated collection by following the server's next link, never by building markers
 * (gophercloud `pagination.Pager`). `style` says where the service keeps the link (see
 * `LinkStyle`). The next page is requested as soon as the link is known, and this page's items
 * are parsed while it is in flight. Stops on the last page, on an empty page, and on a next link
 * whose URL or marker was already visited (a server bug that would otherwise loop forever).
 * Any page that fails (after the transport's retries) fails the whole walk.
 */
export async function* paginate<T>(
  client: ServiceClient,
  firstUrl: string,
  schema: z.ZodType<ParsedPage<T>>,
  style: LinkStyle,
): AsyncGenerator<T[], void, undefined> {
  const visitedUrls = new Set<string>();
  const visitedMarkers = new Set<string>();
  const peek = peekSchema(style);
  const fetchPage = (url: string) => {
    visitedUrls.add(url);
    const marker = markerOf(url);
    if (marker !== undefined) visitedMarkers.add(marker);
    const pending = client.request('GET', url);
    // If the consumer stops early, nobody awaits a prefetched page: never leave it unhandled.
    pending.catch(() => undefined);
    return { url, pending };
  };

  let current: { url: string; pending: Promise<HttpResponse> } | undefined = fetchPage(firstUrl);
  while (current) {
    const { url, pending } = current;
    const { body } = await pending;
    const { count, next } = client.parse(url, body, peek);
    current = undefined;
    if (next !== undefined && count > 0) {
      const nextUrl = client.resolve(next);
      const nextMarker = markerOf(nextUrl);
      if (!visitedUrls.has(nextUrl) && !(nextMarker !== undefined && visitedMarkers.has(nextMarker))) current = fetchPage(nextUrl);
    }
    yield client.parse(url, body, schema).items;
  }
}

/** Every item of every page. */
export async function collectAll<T>(client: ServiceClient, firstUrl: string, schema: z.ZodType<ParsedPage<T>>, style: LinkStyle): Promise<T[]> {
  const all: T[] = [];
  for await (const items of paginate(client, firstUrl, schema, style)) {
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
