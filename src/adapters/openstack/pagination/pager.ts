import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { z } from 'zod';
import type { HttpResponse } from '../http/transport';
import type { ServiceClient } from '../service-client';
import { nextLinkHint } from './next-link-hint';

/** One parsed page: its items and the server's next link, if it sent one. */
export interface ParsedPage<T> {
  items: T[];
  /** The href exactly as the server sent it (absolute or relative), undefined on the last page. */
  next?: string;
}

export interface PaginateOptions {
  /**
   * The `*_links` key of nova/cinder/neutron pages (`servers_links`): lets the pager request the
   * next page while this one is parsed. Without it pages are fetched strictly one after another.
   */
  linksKey?: string;
}

/**
 * Walks a paginated collection by following the server's next link, never by building markers
 * (gophercloud `pagination.Pager`). Each service's `results.ts` turns a body into
 * `{items, next}` and so knows its link shape: nova/cinder/neutron `*_links` arrays, keystone's
 * links object, glance's relative top-level `next`. Stops on the last page, on an empty page, and
 * on a next link whose URL or marker was already visited (a server bug that would otherwise loop
 * forever). A page that fails (after the transport's retries) fails the whole walk.
 */
export async function* paginate<T>(
  client: ServiceClient,
  firstUrl: string,
  schema: z.ZodType<ParsedPage<T>>,
  options: PaginateOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const visitedUrls = new Set<string>();
  const visitedMarkers = new Set<string>();
  const seen = (url: string) => {
    const marker = markerOf(url);
    return visitedUrls.has(url) || (marker !== undefined && visitedMarkers.has(marker));
  };
  const request = (url: string) => {
    const pending = client.request('GET', url);
    // A prefetched page nobody ends up reading must not become an unhandled rejection.
    pending.catch(() => undefined);
    return { url, pending };
  };

  let current: { url: string; pending: Promise<HttpResponse> } | undefined = request(firstUrl);
  while (current) {
    const { url } = current;
    visitedUrls.add(url);
    const marker = markerOf(url);
    if (marker !== undefined) visitedMarkers.add(marker);
    const response = await current.pending;

    let prefetched: typeof current | undefined;
    const hint = options.linksKey ? nextLinkHint(response.text, options.linksKey) : undefined;
    if (hint !== undefined && !seen(client.resolve(hint))) {
      prefetched = request(client.resolve(hint));
      // Let the request reach the socket before parsing blocks the event loop.
      await yieldToEventLoop();
    }

    const page = client.parse(url, response.body, schema);
    current = undefined;
    if (page.next !== undefined && page.items.length > 0) {
      const nextUrl = client.resolve(page.next);
      if (!seen(nextUrl)) current = prefetched?.url === nextUrl ? prefetched : request(nextUrl);
    }
    yield page.items;
  }
}

/** Every item of every page. */
export async function collectAll<T>(client: ServiceClient, firstUrl: string, schema: z.ZodType<ParsedPage<T>>, options?: PaginateOptions): Promise<T[]> {
  const all: T[] = [];
  for await (const items of paginate(client, firstUrl, schema, options)) {
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
