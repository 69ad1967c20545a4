/** The tail of a page body: where nova, cinder and neutron put their `*_links`. */
const TAIL = 4096;

/**
 * The next href of a nova/cinder/neutron page read from the END of the raw body, before the
 * (megabytes of) items are parsed, so the next request can be on its way meanwhile. These
 * services emit `<collection>_links` as the last key; the match is anchored to the end of the
 * document, so a string inside an item cannot pass for it. Undefined means "not found here",
 * never "no next page": the parsed page stays the authority.
 */
export function nextLinkHint(text: string, linksKey: string): string | undefined {
  const tail = text.length > TAIL ? text.slice(-TAIL) : text;
  const at = tail.lastIndexOf(`"${linksKey}"`);
  if (at === -1) return undefined;
  const match = /^"[^"]+"\s*:\s*(\[[^\]]*\])\s*\}\s*$/.exec(tail.slice(at));
  if (!match) return undefined;
  try {
    const links = JSON.parse(match[1]!) as { href?: unknown; rel?: unknown }[];
    const next = links.find((l) => l.rel === 'next')?.href;
    return typeof next === 'string' ? next : undefined;
  } catch {
    return undefined;
  }
}
