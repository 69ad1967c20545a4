import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/domain/delivery/private-addresses';

describe('private and reserved addresses', () => {
  it.each([
    ['127.0.0.1', 4],
    ['10.1.2.3', 4],
    ['172.31.255.255', 4],
    ['192.168.0.10', 4],
    ['169.254.169.254', 4],
    ['100.64.0.1', 4],
    ['0.0.0.0', 4],
    ['224.0.0.251', 4],
    ['255.255.255.255', 4],
    ['::1', 6],
    ['::', 6],
    ['fd00:ec2::254', 6],
    ['fe80::1', 6],
    ['::ffff:10.0.0.1', 6],
    ['::ffff:7f00:1', 6],
    ['ff02::1', 6],
  ] as const)('refuses %s', (address, family) => {
    expect(isPrivateAddress(address, family)).toBe(true);
  });

  it.each([
    ['8.8.8.8', 4],
    ['172.32.0.1', 4],
    ['100.128.0.1', 4],
    ['193.0.14.129', 4],
    ['2a00:1450:4001:80b::200e', 6],
    ['2606:4700::6810:85e5', 6],
    ['::ffff:8.8.8.8', 6],
  ] as const)('allows the public address %s', (address, family) => {
    expect(isPrivateAddress(address, family)).toBe(false);
  });
});
