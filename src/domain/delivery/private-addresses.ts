import { BlockList } from 'node:net';

/**
 * Addresses a webhook must not reach from the AWS deployment: loopback, private networks
 * (RFC 1918, unique-local IPv6), carrier-grade NAT, link-local (the cloud metadata services at
 * 169.254.169.254 and fd00:ec2::254 among them), "this network", benchmarking, multicast and the
 * other reserved ranges of the IANA special-purpose registries. An IPv4-mapped IPv6 address
 * (`::ffff:10.0.0.1`) is judged by its IPv4 address, as `net.BlockList` does.
 */
const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  refused.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  refused.addSubnet(network, prefix, 'ipv6');
}

/** True for an address in a private or reserved range (see above). */
export function isPrivateAddress(address: string, family: 4 | 6): boolean {
  return refused.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
