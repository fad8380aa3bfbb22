import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import { rawHeader } from '../raw_header.js';

/**
 * The client's address, as Express computes `req.ip` with `trust proxy` set to a hop count: the socket peer when
 * `trustedHops` is 0, otherwise the `trustedHops`-th address from the right of `X-Forwarded-For`. A client can prepend
 * anything to that header, so only addresses appended by the trusted proxies are believed.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? '';
  if (trustedHops <= 0) return peer;
  const header = rawHeader(req, 'x-forwarded-for');
  if (typeof header !== 'string' || header === '') return peer;
  const chain = header.split(',').map((part) => part.trim());
  const index = chain.length - trustedHops;
  const candidate = chain[Math.max(0, index)] ?? peer;
  return isIPv4(candidate) || isIPv6(candidate) ? candidate : peer;
}

/** True when a proxy forwarded the request: it then says who the client is, and the socket peer is the proxy. */
export function isProxied(req: IncomingMessage): boolean {
  return rawHeader(req, 'x-forwarded-for') !== undefined || rawHeader(req, 'forwarded') !== undefined || rawHeader(req, 'x-real-ip') !== undefined;
}

/**
 * The key a client's rate limit budget is kept under: an IPv4 address as it is (IPv4-mapped IPv6 included), an IPv6
 * address cut to its first `prefixBits` bits, since one subscriber is routinely given a whole /64 and can rotate
 * through it at will.
 */
export function rateLimitKey(address: string, prefixBits = 64): string {
  const v4 = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(v4) || !isIPv6(address)) return v4;
  const bits = Math.max(0, Math.min(128, Math.floor(prefixBits)));
  const groups = expandIPv6(address).map((group) => Number.parseInt(group, 16) || 0);
  const kept = groups.map((value, index) => {
    const from = index * 16;
    if (from + 16 <= bits) return value;
    if (from >= bits) return 0;
    return value & (0xffff << (16 - (bits - from)));
  });
  return `${kept.map((value) => value.toString(16)).join(':')}/${bits}`;
}

/**
 * An address reduced so that it names a neighbourhood, not a person: IPv4 to its /24, IPv6 to its /48. Anything that
 * is not an address becomes "unknown".
 */
export function anonymizeAddress(address: string): string {
  const v4 = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 3).join(':')}::/48`;
  return 'unknown';
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::') as [string, string?];
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right] : left;
  return groups.map((group) => (group.includes('.') ? '0' : group.toLowerCase().replace(/^0+(?=.)/, '')));
}
