import { isIPv4, isIPv6 } from 'node:net';

/**
 * The address ranges a webhook may never reach, each with the reason a refusal gives. A webhook is an outbound request
 * the API makes on a department's behalf; aimed at one of these it would reach the host itself, the internal network
 * or a cloud metadata service (169.254.169.254) instead of the department's own receiver.
 */
interface Range {
  /** Network bytes (4 for IPv4, 16 for IPv6). */
  prefix: number[];
  bits: number;
  /** e.g. `loopback`: what the refusal says. */
  kind: string;
}

const v4 = (cidr: string, kind: string): Range => {
  const [address, bits] = cidr.split('/') as [string, string];
  return { prefix: address.split('.').map(Number), bits: Number(bits), kind };
};

const v6 = (cidr: string, kind: string): Range => {
  const [address, bits] = cidr.split('/') as [string, string];
  return { prefix: parseIPv6(address)!, bits: Number(bits), kind };
};

/** IANA special-purpose IPv4 ranges that are not globally reachable (RFC 6890 and its registry). */
const ipv4Refused: Range[] = [
  v4('0.0.0.0/8', 'unspecified ("this network", incl. 0.0.0.0)'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'shared (carrier-grade NAT)'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local (incl. cloud metadata 169.254.169.254)'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'IETF protocol assignments'),
  v4('192.0.2.0/24', 'documentation'),
  v4('192.88.99.0/24', '6to4 relay'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'benchmarking'),
  v4('198.51.100.0/24', 'documentation'),
  v4('203.0.113.0/24', 'documentation'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved (incl. broadcast)'),
];

/** IPv6 ranges that are not globally reachable, or that embed an IPv4 address a relay would reach. */
const ipv6Refused: Range[] = [
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('::/96', 'IPv4-compatible (deprecated)'),
  v6('64:ff9b::/96', 'NAT64 (embeds an IPv4 address)'),
  v6('64:ff9b:1::/48', 'NAT64 local use'),
  v6('100::/64', 'discard'),
  v6('2001::/23', 'IETF protocol assignments (incl. Teredo)'),
  v6('2001:db8::/32', 'documentation'),
  v6('2002::/16', '6to4 (embeds an IPv4 address)'),
  v6('fc00::/7', 'unique-local'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'site-local (deprecated)'),
  v6('ff00::/8', 'multicast'),
];

function matches(bytes: number[], range: Range): boolean {
  for (let bit = 0; bit < range.bits; bit += 8) {
    const take = Math.min(8, range.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((range.prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

/** The 16 bytes of an IPv6 address (`::`, an embedded dotted quad and a `%zone` accepted), or undefined. */
export function parseIPv6(text: string): number[] | undefined {
  const address = text.replace(/^\[|\]$/g, '').split('%')[0]!;
  if (!isIPv6(address)) return undefined;
  let groups: string[];
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  let body = address;
  const extra: number[] = [];
  if (tail) {
    body = address.slice(0, -tail[1]!.length);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
    extra.push(...tail[1]!.split('.').map(Number));
  }
  const [head, rest] = body.split('::') as [string, string | undefined];
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest ? rest.split(':') : [];
  const wanted = 8 - extra.length / 2;
  if (rest === undefined) groups = headGroups;
  else groups = [...headGroups, ...Array<string>(wanted - headGroups.length - restGroups.length).fill('0'), ...restGroups];
  const bytes = groups.flatMap((g) => {
    const n = parseInt(g || '0', 16);
    return [n >> 8, n & 0xff];
  });
  return [...bytes, ...extra];
}

/**
 * Why `address` (an IP literal, as DNS or the URL parser gives it) may not receive a webhook, or undefined when it is
 * a public address. An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is judged as the IPv4 address it maps to.
 * Anything that is not an IP address at all is refused too.
 */
export function refusedAddressKind(address: string): string | undefined {
  if (isIPv4(address)) {
    const bytes = address.split('.').map(Number);
    return ipv4Refused.find((r) => matches(bytes, r))?.kind;
  }
  const bytes = parseIPv6(address);
  if (!bytes) return 'not an IP address';
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) {
    const inner = refusedAddressKind(bytes.slice(12).join('.'));
    return inner && `IPv4-mapped ${inner}`;
  }
  const found = ipv6Refused.find((r) => matches(bytes, r))?.kind;
  if (found) return found;
  // Global unicast is 2000::/3; everything else is unassigned or special.
  return (bytes[0]! & 0xe0) === 0x20 ? undefined : 'not global unicast';
}
