import { describe, expect, it } from 'vitest';
import { nextLinkHint } from '../../src/adapters/openstack/pagination/next-link-hint';
import { resolveHref } from '../../src/adapters/openstack/http/resolve-href';

describe('next link hint (read before parsing a page)', () => {
  const page = (servers: unknown[], links?: unknown) => JSON.stringify({ servers, ...(links ? { servers_links: links } : {}) });

  it('reads the next href from the end of the body', () => {
    const text = page([{ id: 'a' }], [{ href: 'http://nova/v2.1/servers/detail?marker=a', rel: 'next' }]);
    expect(nextLinkHint(text, 'servers_links')).toBe('http://nova/v2.1/servers/detail?marker=a');
  });

  it('ignores look-alikes inside items and links that are not last', () => {
    const trap = page([{ id: 'a', name: '"servers_links":[{"href":"http://evil","rel":"next"}]}' }]);
    expect(nextLinkHint(trap, 'servers_links')).toBeUndefined();
    const nested = page([{ id: 'a', servers_links: [{ href: 'http://evil', rel: 'next' }] }]);
    expect(nextLinkHint(nested, 'servers_links')).toBeUndefined();
    const first = JSON.stringify({ servers_links: [{ href: 'http://x?marker=a', rel: 'next' }], servers: [{ id: 'a' }] });
    expect(nextLinkHint(first, 'servers_links')).toBeUndefined();
  });

  it('skips neutron previous links', () => {
    const text = JSON.stringify({ ports: [], ports_links: [{ href: 'http://n/v2.0/ports?page_reverse=True', rel: 'previous' }] });
    expect(nextLinkHint(text, 'ports_links')).toBeUndefined();
  });
});

describe('resolving next hrefs', () => {
  const known = new Set(['http://cloud:8774', 'http://cloud']);

  it.each([
    [
      'an absolute href on a cloud host, verbatim',
      'http://cloud:8774/v2.1/servers/detail?marker=a&x=1',
      'http://cloud/compute/v2.1',
      'http://cloud:8774/v2.1/servers/detail?marker=a&x=1',
    ],
    ['glance root-relative under a path prefix', '/v2/images?marker=a', 'http://cloud/image/v2', 'http://cloud/image/v2/images?marker=a'],
    ['glance root-relative without a prefix', '/v2/images?marker=a', 'http://cloud:9292/v2', 'http://cloud:9292/v2/images?marker=a'],
    ['a root-relative href that already has the prefix', '/image/v2/images?marker=a', 'http://cloud/image/v2', 'http://cloud/image/v2/images?marker=a'],
    ['a plain relative href against the endpoint', 'servers/detail?marker=a', 'http://cloud/compute/v2.1', 'http://cloud/compute/v2.1/servers/detail?marker=a'],
    [
      'an unknown host, re-based on the endpoint',
      'http://openstack.example.com/v2.1/servers?marker=a',
      'http://cloud/compute/v2.1',
      'http://cloud/v2.1/servers?marker=a',
    ],
  ])('%s', (_, href, endpoint, expected) => {
    expect(resolveHref(href, endpoint, known).url).toBe(expected);
  });
});
