import type { IncomingMessage } from 'node:http';
/** Settings of a per-client token bucket. */
export interface TokenBucketOptions {
    /** Tokens added per second: the sustained requests per second a client may make. 0 disables the limit. */
    ratePerSecond: number;
    /** Bucket size: how many requests a client may make at once after being idle. */
    burst: number;
    /** Clients that are never limited (exact addresses), e.g. local health checks; never applied to proxied requests. */
    exempt?: readonly string[];
    /** IPv6 clients are grouped by this prefix length (bits); default 64. */
    ipv6PrefixBits?: number;
    /** Upper bound on tracked clients, so a flood of spoofed sources cannot grow memory without end. */
    maxClients?: number;
}
/**
 * A cheap per-client limiter for the tile fast path: one map look-up and some arithmetic per request. The
 * express-rate-limit middleware guards the other routes; tiles need something that costs far less than a request.
 *
 * Memory is bounded without ever giving a client back a budget it has spent. The map is kept in least-recently-used
 * order, so its head is the client idle the longest; a bucket idle for `burst / ratePerSecond` seconds is full again,
 * and forgetting it changes nothing. When the map is full and its head is still refilling, every client is active:
 * newcomers then share one overflow bucket until room appears, so a flood of fresh addresses competes with itself and
 * never resets anyone else.
 */
export declare class TokenBucketLimiter {
    private readonly options;
    private readonly buckets;
    private readonly overflow;
    private readonly exempt;
    private readonly maxClients;
    private readonly prefixBits;
    private readonly refillMs;
    constructor(options: TokenBucketOptions);
    get enabled(): boolean;
    /** Number of clients with their own bucket. */
    get trackedClients(): number;
    /**
     * Takes one token for the client behind `req` (see `clientAddress`); the loopback exemption applies only to requests
     * no proxy forwarded. Returns 0 when allowed, otherwise the seconds until a token is available.
     */
    takeFor(req: IncomingMessage, trustedHops: number, now?: number): number;
    /** Takes one token for the client key `client`; returns 0 when allowed, otherwise seconds to wait. */
    take(client: string, now?: number): number;
    private admit;
}
