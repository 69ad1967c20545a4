import { z } from 'zod';
import { linkArray, nextHref } from '../wire';

/**
 * Where each service puts its next link, read from the raw body BEFORE the items are parsed, so
 * the next page can be requested while this one is parsed:
 * - `links-array`: nova, cinder and neutron, `<key>_links: [{rel: "next", href}]` (neutron adds a
 *   `previous` link, ignored; the key is absent on nova's last page);
 * - `links-object`: keystone, `links: {self, next, previous}` with `next: null` at the end;
 * - `top-level-next`: glance, a top-level relative `next` path, absent on the last page;
 * - `single-object`: nova's per-project usage, one object (`{}` when empty) with singular
 *   `tenant_usage_links`.
 */
export type LinkStyle =
  | { kind: 'links-array'; key: string; linksKey?: string }
  | { kind: 'single-object'; key: string; linksKey: string }
  | { kind: 'links-object'; key: string }
  | { kind: 'top-level-next'; key: string };

export const linksArray = (key: string, linksKey = `${key}_links`): LinkStyle => ({ kind: 'links-array', key, linksKey });
export const linksObject = (key: string): LinkStyle => ({ kind: 'links-object', key });
export const topLevelNext = (key: string): LinkStyle => ({ kind: 'top-level-next', key });
export const singleObject = (key: string, linksKey = `${key}_links`): LinkStyle => ({ kind: 'single-object', key, linksKey });

/** What the pager needs before parsing items: how many there are and the next href. */
export interface PagePeek {
  count: number;
  next?: string;
}

const peekers = new Map<string, z.ZodType<PagePeek>>();

/**
 * A cheap schema for `style`: items are counted, not parsed (`z.unknown()`), and other keys are
 * stripped without being copied.
 */
export function peekSchema(style: LinkStyle): z.ZodType<PagePeek> {
  const id = JSON.stringify(style);
  let schema = peekers.get(id);
  if (schema) return schema;
  const items = z.array(z.unknown());
  switch (style.kind) {
    case 'links-array': {
      const linksKey = style.linksKey ?? `${style.key}_links`;
      schema = z
        .object({ [style.key]: items, [linksKey]: linkArray.optional() })
        .transform((b) => ({ count: (b[style.key] as unknown[]).length, next: nextHref(b[linksKey] as z.output<typeof linkArray> | undefined) }));
      break;
    }
    case 'single-object':
      schema = z
        .object({ [style.key]: z.record(z.string(), z.unknown()), [style.linksKey]: linkArray.optional() })
        .transform((b) => ({
          count: Object.keys(b[style.key] as object).length > 0 ? 1 : 0,
          next: nextHref(b[style.linksKey] as z.output<typeof linkArray> | undefined),
        }));
      break;
    case 'links-object':
      schema = z
        .object({ [style.key]: items, links: z.object({ next: z.string().nullable().optional() }).optional() })
        .transform((b) => ({ count: (b[style.key] as unknown[]).length, next: (b.links as { next?: string | null } | undefined)?.next ?? undefined }));
      break;
    case 'top-level-next':
      schema = z
        .object({ [style.key]: items, next: z.string().optional() })
        .transform((b) => ({ count: (b[style.key] as unknown[]).length, next: b.next as string | undefined }));
      break;
  }
  peekers.set(id, schema);
  return schema;
}
