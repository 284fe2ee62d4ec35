// Known networks: parse CIDR entries (IPv4 and IPv6) and decide whether a login's source address is inside one.
import { BlockList, isIP } from 'node:net';

/** One parsed network entry. */
export interface Network {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/**
 * Where logins are expected from when `known_networks` is not set: loopback, RFC 1918 private ranges, the RFC 6598
 * shared range (Tailscale hands out 100.64.0.0/10 addresses), link-local, and IPv6 unique-local (RFC 4193, which also
 * holds Tailscale's fd7a:115c:a1e0::/48).
 */
export const DEFAULT_KNOWN_NETWORKS: readonly string[] = [
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
  '169.254.0.0/16',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
];

/** Parse `192.168.1.0/24`, `fd7a:115c:a1e0::/48` or a bare address (a /32 or /128); null when it is not one. */
export function parseNetwork(text: string): Network | null {
  const parts = text.trim().split('/');
  if (parts.length > 2) return null;
  const address = normaliseAddress(parts[0] ?? '');
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  const prefix = parts[1] === undefined ? max : /^\d{1,3}$/.test(parts[1]) ? Number(parts[1]) : Number.NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

/** An address as logs print it, made comparable: IPv4-mapped IPv6 becomes IPv4, IPv6 is lower-cased. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  return address.includes(':') ? address.toLowerCase() : address;
}

/** True when the text is an IPv4 or IPv6 address. */
export function isAddress(text: string): boolean {
  return isIP(text) !== 0;
}

/** A predicate "is this address in one of the networks"; entries that do not parse are ignored (the schema rejects them). */
export function networkMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const n = parseNetwork(entry);
    if (n) list.addSubnet(n.address, n.prefix, n.family);
  }
  return (address) => {
    const a = normaliseAddress(address);
    const family = isIP(a);
    // A host name (sshd with UseDNS yes) cannot be placed in a network: it counts as unknown.
    if (family === 0) return false;
    return list.check(a, family === 4 ? 'ipv4' : 'ipv6');
  };
}
