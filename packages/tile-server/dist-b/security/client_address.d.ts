import type { IncomingMessage } from 'node:http';
/**
 * The client's address, as Express computes `req.ip` with `trust proxy` set to a hop count: the socket peer when
 * `trustedHops` is 0, otherwise the `trustedHops`-th address from the right of `X-Forwarded-For`. A client can prepend
 * anything to that header, so only addresses appended by the trusted proxies are believed.
 */
export declare function clientAddress(req: IncomingMessage, trustedHops: number): string;
/** True when a proxy forwarded the request: it then says who the client is, and the socket peer is the proxy. */
export declare function isProxied(req: IncomingMessage): boolean;
/**
 * The key a client's rate limit budget is kept under: an IPv4 address as it is (IPv4-mapped IPv6 included), an IPv6
 * address cut to its first `prefixBits` bits, since one subscriber is routinely given a whole /64 and can rotate
 * through it at will.
 */
export declare function rateLimitKey(address: string, prefixBits?: number): string;
/**
 * An address reduced so that it names a neighbourhood, not a person: IPv4 to its /24, IPv6 to its /48. Anything that
 * is not an address becomes "unknown".
 */
export declare function anonymizeAddress(address: string): string;
