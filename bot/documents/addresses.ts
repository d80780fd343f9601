// Which IP addresses a link may lead to: public unicast only. Everything a server could reach that the public can't
// (loopback, private and link-local networks, multicast, cloud metadata at 169.254.169.254, ...) is refused, in
// IPv4 and IPv6, including IPv4 addresses carried inside IPv6 ones (::ffff:10.0.0.1, 64:ff9b::, 2002::/16).
import { isIPv4, isIPv6 } from 'node:net';

type Range = [prefix: bigint, bits: number, kind: string];

const V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'private (shared)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved (documentation)'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved (benchmarking)'],
  ['198.51.100.0', 24, 'reserved (documentation)'],
  ['203.0.113.0', 24, 'reserved (documentation)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V6: Array<[string, number, string]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b:1::', 48, 'private'],
  ['100::', 64, 'reserved'],
  ['2001::', 23, 'reserved'],
  ['2001:db8::', 32, 'reserved (documentation)'],
  ['3fff::', 20, 'reserved (documentation)'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private (site-local)'],
  ['ff00::', 8, 'multicast'],
];

/** IPv6 prefixes whose low 32 bits (or, for 6to4, bits 16-48) are an IPv4 address, judged as that address. */
const V4_INSIDE_V6: Array<[string, number, (value: bigint) => bigint]> = [
  ['::ffff:0:0', 96, (v) => v & 0xffffffffn], // IPv4-mapped
  ['::', 96, (v) => v & 0xffffffffn], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96, (v) => v & 0xffffffffn], // NAT64
  ['2002::', 16, (v) => (v >> 80n) & 0xffffffffn], // 6to4
];

const v4Ranges: Range[] = V4.map(([address, bits, kind]) => [v4Value(address), bits, kind]);
const v6Ranges: Range[] = V6.map(([address, bits, kind]) => [v6Value(address), bits, kind]);

function inRange(value: bigint, width: number, [prefix, bits]: Range | [bigint, number]): boolean {
  const shift = BigInt(width - bits);
  return value >> shift === prefix >> shift;
}

function v4Value(address: string): bigint {
  return address.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

function v6Value(address: string): bigint {
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/u.exec(text);
  if (dotted) {
    const v4 = v4Value(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return groups.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

function v4Kind(value: bigint): string | undefined {
  return v4Ranges.find((range) => inRange(value, 32, range))?.[2];
}

/**
 * Why a link may not lead to `address` ("loopback", "private", "link-local", "multicast", ...), or undefined for
 * a public address. Anything that isn't an IP address at all is "not an IP address".
 */
export function internalKind(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/gu, '').replace(/%.*$/u, '');
  if (isIPv4(bare)) return v4Kind(v4Value(bare));
  if (!isIPv6(bare)) return 'not an IP address';
  const value = v6Value(bare.toLowerCase());
  const own = v6Ranges.find((range) => inRange(value, 128, range));
  if (own) return own[2];
  for (const [prefix, bits, extract] of V4_INSIDE_V6) {
    if (inRange(value, 128, [v6Value(prefix), bits])) return v4Kind(extract(value));
  }
  // Global unicast is 2000::/3; the rest of the space is unassigned or special.
  return inRange(value, 128, [0x2n << 124n, 3]) ? undefined : 'reserved';
}
