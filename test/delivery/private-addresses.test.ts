import { describe, expect, it } from 'vitest';
import { embeddedIpv4, ipv6Bytes, isLocalhostName, isPrivateAddress } from '../../src/domain/delivery/private-addresses';

describe('private and reserved addresses', () => {
  it.each([
    // IPv4, IANA special-purpose registry (not globally reachable), multicast and deprecated ranges.
    ['127.0.0.1', 4],
    ['10.1.2.3', 4],
    ['172.31.255.255', 4],
    ['192.168.0.10', 4],
    ['169.254.169.254', 4],
    ['100.64.0.1', 4],
    ['0.0.0.0', 4],
    ['192.0.0.170', 4],
    ['192.0.2.1', 4],
    ['192.88.99.1', 4],
    ['198.19.255.1', 4],
    ['203.0.113.9', 4],
    ['224.0.0.251', 4],
    ['240.0.0.1', 4],
    ['255.255.255.255', 4],
    // IPv6 ranges.
    ['::1', 6],
    ['::', 6],
    ['fd00:ec2::254', 6],
    ['fe80::1', 6],
    ['fe80::1%eth0', 6],
    ['fec0::1', 6],
    ['feff::1', 6],
    ['ff02::1', 6],
    ['100::1', 6],
    ['2001:db8::1', 6],
    ['2001:2::1', 6],
    ['2001:10::1', 6],
    ['3fff::1', 6],
    ['5f00::1', 6],
    ['4000::1', 6],
    ['64:ff9b:1::808:808', 6],
    // IPv4-mapped ::ffff:0:0/96.
    ['::ffff:10.0.0.1', 6],
    ['::ffff:7f00:1', 6],
    ['::ffff:169.254.169.254', 6],
    // IPv4-compatible ::/96.
    ['::10.0.0.1', 6],
    ['::127.0.0.1', 6],
    ['::a9fe:a9fe', 6],
    // IPv4-translated ::ffff:0:0:0/96.
    ['::ffff:0:10.0.0.1', 6],
    ['::ffff:0:7f00:1', 6],
    // NAT64 64:ff9b::/96.
    ['64:ff9b::10.0.0.1', 6],
    ['64:ff9b::a9fe:a9fe', 6],
    ['64:ff9b::7f00:1', 6],
    // 6to4 2002::/16.
    ['2002:c0a8:101::1', 6],
    ['2002:7f00:1::1', 6],
    ['2002:a9fe:a9fe::', 6],
    // Teredo 2001::/32: the client's IPv4 is stored with its bits inverted (RFC 4380's example, 192.0.2.45).
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 6],
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 6],
    ['2001:0:a00:1:8000:63bf:f7f7:f7f7', 6],
  ] as const)('refuses %s', (address, family) => {
    expect(isPrivateAddress(address, family)).toBe(true);
  });

  it.each([
    ['8.8.8.8', 4],
    ['172.32.0.1', 4],
    ['100.128.0.1', 4],
    ['193.0.14.129', 4],
    ['192.88.98.1', 4],
    ['2a00:1450:4001:80b::200e', 6],
    ['2606:4700::6810:85e5', 6],
    ['2001:4860:4860::8888', 6],
    ['2001:3::1', 6],
    ['::ffff:8.8.8.8', 6],
    ['::8.8.8.8', 6],
    ['::ffff:0:808:808', 6],
    ['64:ff9b::808:808', 6],
    ['2002:808:808::1', 6],
    ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 6],
  ] as const)('allows the public address %s', (address, family) => {
    expect(isPrivateAddress(address, family)).toBe(false);
  });

  it('refuses what it cannot parse', () => {
    expect(isPrivateAddress('example.com', 4)).toBe(true);
    expect(isPrivateAddress('10.0.0.1', 6)).toBe(true);
  });

  it.each([
    ['::ffff:10.0.0.1', ['10.0.0.1']],
    ['::ffff:0:c0a8:1', ['192.168.0.1']],
    ['::c0a8:1', ['192.168.0.1']],
    ['64:ff9b::c0a8:1', ['192.168.0.1']],
    ['2002:c0a8:1::', ['192.168.0.1']],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', ['65.54.227.120', '192.0.2.45']],
    ['2a00:1450::1', []],
  ])('finds the IPv4 address %s carries', (address, expected) => {
    expect(embeddedIpv4(ipv6Bytes(address)!)).toEqual(expected);
  });

  it('parses every textual form of an IPv6 address', () => {
    expect(Array.from(ipv6Bytes('::ffff:1.2.3.4')!)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
    expect(Array.from(ipv6Bytes('1::')!)).toEqual([0, 1, ...Array<number>(14).fill(0)]);
    expect(Array.from(ipv6Bytes('1:2:3:4:5:6:7:8')!)).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect(ipv6Bytes('1.2.3.4')).toBeUndefined();
  });

  it.each([
    ['localhost', true],
    ['localhost.', true],
    ['LOCALHOST', true],
    ['LocalHost..', true],
    ['foo.localhost', true],
    ['foo.localhost.', true],
    ['localhost.example.com', false],
    ['notlocalhost', false],
  ])('%s names this machine: %s', (name, expected) => {
    expect(isLocalhostName(name)).toBe(expected);
  });
});
