import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Addresses a webhook must not reach from the AWS deployment: every address the IANA
 * special-purpose registries mark "Globally Reachable: False" (loopback, RFC 1918 and unique-local
 * private networks, carrier-grade NAT, link-local with the cloud metadata services at
 * 169.254.169.254 and fd00:ec2::254, documentation, benchmarking, …), multicast, and the
 * deprecated or unassigned ranges below. An IPv6 address that carries an IPv4 address (mapped,
 * compatible, translated, NAT64, 6to4, Teredo) is judged by the IPv4 address it carries.
 *
 * Sources, transcribed (registries as updated 2025-01):
 * - IANA IPv4 Special-Purpose Address Registry,
 *   https://www.iana.org/assignments/iana-ipv4-special-registry/ (RFC 6890)
 * - IANA IPv6 Special-Purpose Address Registry,
 *   https://www.iana.org/assignments/iana-ipv6-special-registry/ (RFC 6890)
 * - IANA IPv6 Address Space, https://www.iana.org/assignments/ipv6-address-space/: only
 *   2000::/3 is global unicast; the rest is unique-local, link-local, multicast or reserved.
 * - IANA IPv4 Multicast Address Space (224.0.0.0/4), RFC 3879 (site-local fec0::/10, deprecated),
 *   RFC 7526 (6to4 relay anycast 192.88.99.0/24, deprecated), RFC 4291 (IPv4-compatible ::/96),
 *   RFC 6052 and RFC 8215 (NAT64), RFC 3056 (6to4), RFC 4380 (Teredo), RFC 2765 (IPv4-translated).
 */
const ipv4Refused: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, '"This network" (RFC 791)'],
  ['10.0.0.0', 8, 'Private-Use (RFC 1918)'],
  ['100.64.0.0', 10, 'Shared Address Space, carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0', 8, 'Loopback (RFC 1122)'],
  ['169.254.0.0', 16, 'Link Local (RFC 3927)'],
  ['172.16.0.0', 12, 'Private-Use (RFC 1918)'],
  // Whole /24: its globally reachable members (PCP and TURN anycast) are never webhook receivers.
  ['192.0.0.0', 24, 'IETF Protocol Assignments (RFC 6890)'],
  ['192.0.2.0', 24, 'Documentation, TEST-NET-1 (RFC 5737)'],
  ['192.88.99.0', 24, 'Deprecated 6to4 Relay Anycast (RFC 7526)'],
  ['192.168.0.0', 16, 'Private-Use (RFC 1918)'],
  ['198.18.0.0', 15, 'Benchmarking (RFC 2544)'],
  ['198.51.100.0', 24, 'Documentation, TEST-NET-2 (RFC 5737)'],
  ['203.0.113.0', 24, 'Documentation, TEST-NET-3 (RFC 5737)'],
  ['224.0.0.0', 4, 'Multicast (RFC 5771)'],
  ['240.0.0.0', 4, 'Reserved (RFC 1112), with Limited Broadcast 255.255.255.255/32 (RFC 919)'],
];

/** Inside 2000::/3 (or carrying no IPv4), the IPv6 ranges refused. */
const ipv6Refused: readonly (readonly [string, number, string])[] = [
  ['::', 128, 'Unspecified (RFC 4291)'],
  ['::1', 128, 'Loopback (RFC 4291)'],
  ['64:ff9b:1::', 48, 'IPv4-IPv6 Translation, local use (RFC 8215)'],
  ['100::', 64, 'Discard-Only (RFC 6666)'],
  ['100:0:0:1::', 64, 'Dummy IPv6 Prefix (RFC 9780)'],
  ['2001::', 23, 'IETF Protocol Assignments (RFC 2928), but for the globally reachable blocks below'],
  ['2001:db8::', 32, 'Documentation (RFC 3849)'],
  ['3fff::', 20, 'Documentation (RFC 9637)'],
  ['5f00::', 16, 'Segment Routing SIDs (RFC 9602)'],
  ['fc00::', 7, 'Unique-Local (RFC 4193)'],
  ['fe80::', 10, 'Link-Local Unicast (RFC 4291)'],
  ['fec0::', 10, 'Site-Local, deprecated (RFC 3879)'],
  ['ff00::', 8, 'Multicast (RFC 4291)'],
];

/** Blocks inside 2001::/23 the IPv6 registry marks globally reachable. */
const ipv6Reachable: readonly (readonly [string, number, string])[] = [
  ['2001:1::1', 128, 'Port Control Protocol Anycast (RFC 7723)'],
  ['2001:1::2', 128, 'TURN Anycast (RFC 8155)'],
  ['2001:1::3', 128, 'DNS-SD Service Registration Protocol Anycast (RFC 9665)'],
  ['2001:3::', 32, 'AMT (RFC 7450)'],
  ['2001:4:112::', 48, 'AS112-v6 (RFC 7535)'],
  ['2001:20::', 28, 'ORCHIDv2 (RFC 7343)'],
  ['2001:30::', 28, 'Drone Remote ID Protocol Entity Tags (RFC 9374)'],
];

function blockList(entries: readonly (readonly [string, number, string])[], family: 'ipv4' | 'ipv6'): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of entries) list.addSubnet(network, prefix, family);
  return list;
}

const refused4 = blockList(ipv4Refused, 'ipv4');
const refused6 = blockList(ipv6Refused, 'ipv6');
const reachable6 = blockList(ipv6Reachable, 'ipv6');
const globalUnicast = blockList([['2000::', 3, 'Global Unicast (IANA IPv6 Address Space)']], 'ipv6');

/** The 16 bytes of an IPv6 address in any textual form (`::`, a trailing dotted quad, a zone), or undefined. */
export function ipv6Bytes(text: string): Uint8Array | undefined {
  const address = text.replace(/%.*$/, '');
  if (!isIPv6(address)) return undefined;
  let groups = address;
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    groups = `${address.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = groups.split('::') as [string, string | undefined];
  const parts = (s: string | undefined) => (s ? s.split(':') : []);
  const left = parts(head);
  const right = parts(tail);
  const all = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => {
    const v = parseInt(g, 16);
    bytes[2 * i] = v >> 8;
    bytes[2 * i + 1] = v & 0xff;
  });
  return bytes;
}

const dotted = (b: ArrayLike<number>, xor = 0) => Array.from(b, (x) => (x ^ xor) & 0xff).join('.');
const zeros = (b: Uint8Array, from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
const word = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;

/**
 * The IPv4 addresses an IPv6 address carries, for the forms that have one: IPv4-compatible
 * `::a.b.c.d` (::/96, with `::` and `::1`), IPv4-mapped `::ffff:a.b.c.d`, IPv4-translated
 * `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:aabb:ccdd::` and Teredo
 * `2001:0:<server>:…:<client with inverted bits>` (server and client both).
 */
export function embeddedIpv4(bytes: Uint8Array): string[] {
  const last = bytes.subarray(12, 16);
  if (zeros(bytes, 0, 12)) return [dotted(last)];
  if (zeros(bytes, 0, 10) && word(bytes, 10) === 0xffff) return [dotted(last)];
  if (zeros(bytes, 0, 8) && word(bytes, 8) === 0xffff && zeros(bytes, 10, 12)) return [dotted(last)];
  if (word(bytes, 0) === 0x64 && word(bytes, 2) === 0xff9b && zeros(bytes, 4, 12)) return [dotted(last)];
  if (word(bytes, 0) === 0x2002) return [dotted(bytes.subarray(2, 6))];
  if (word(bytes, 0) === 0x2001 && word(bytes, 2) === 0) return [dotted(bytes.subarray(4, 8)), dotted(last, 0xff)];
  return [];
}

function isPrivateIpv4(address: string): boolean {
  return refused4.check(address, 'ipv4');
}

function isPrivateIpv6(address: string): boolean {
  const bytes = ipv6Bytes(address);
  if (!bytes) return true; // not an address we can judge: refuse
  const carried = embeddedIpv4(bytes);
  if (carried.length > 0) return carried.some(isPrivateIpv4);
  const normal = Array.from({ length: 8 }, (_, i) => word(bytes, 2 * i).toString(16)).join(':');
  if (!globalUnicast.check(normal, 'ipv6')) return true;
  return refused6.check(normal, 'ipv6') && !reachable6.check(normal, 'ipv6');
}

/** True for an address in a private or reserved range (see above). */
export function isPrivateAddress(address: string, family: 4 | 6): boolean {
  if (family === 4) return isIPv4(address) ? isPrivateIpv4(address) : true;
  return isPrivateIpv6(address);
}

/**
 * True for a host name that means this machine: `localhost`, any name under `.localhost`
 * (RFC 6761), in any case and with or without the root's trailing dot.
 */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
