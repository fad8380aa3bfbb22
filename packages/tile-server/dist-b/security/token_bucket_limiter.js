import { clientAddress, isProxied, rateLimitKey } from './client_address.js';
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
export class TokenBucketLimiter {
    options;
    buckets = new Map();
    overflow;
    exempt;
    maxClients;
    prefixBits;
    refillMs;
    constructor(options) {
        this.options = options;
        this.exempt = new Set(options.exempt ?? []);
        this.maxClients = options.maxClients ?? 100_000;
        this.prefixBits = options.ipv6PrefixBits ?? 64;
        this.refillMs = options.ratePerSecond > 0 ? (options.burst / options.ratePerSecond) * 1000 : 0;
        this.overflow = { tokens: options.burst, updated: Date.now() };
    }
    get enabled() {
        return this.options.ratePerSecond > 0;
    }
    /** Number of clients with their own bucket. */
    get trackedClients() {
        return this.buckets.size;
    }
    /**
     * Takes one token for the client behind `req` (see `clientAddress`); the loopback exemption applies only to requests
     * no proxy forwarded. Returns 0 when allowed, otherwise the seconds until a token is available.
     */
    takeFor(req, trustedHops, now = Date.now()) {
        if (!this.enabled)
            return 0;
        const address = clientAddress(req, trustedHops);
        if (this.exempt.has(address) && !isProxied(req))
            return 0;
        return this.take(rateLimitKey(address, this.prefixBits), now);
    }
    /** Takes one token for the client key `client`; returns 0 when allowed, otherwise seconds to wait. */
    take(client, now = Date.now()) {
        if (!this.enabled)
            return 0;
        let bucket = this.buckets.get(client);
        if (bucket === undefined) {
            bucket = this.admit(client, now);
        }
        else {
            // Move to the tail: the map's order is least recently used first.
            this.buckets.delete(client);
            this.buckets.set(client, bucket);
        }
        bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updated) / 1000) * this.options.ratePerSecond);
        bucket.updated = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.ratePerSecond));
    }
    admit(client, now) {
        for (const [oldest, bucket] of this.buckets) {
            if (this.buckets.size < this.maxClients || now - bucket.updated < this.refillMs)
                break;
            this.buckets.delete(oldest);
        }
        if (this.buckets.size >= this.maxClients)
            return this.overflow;
        const bucket = { tokens: this.options.burst, updated: now };
        this.buckets.set(client, bucket);
        return bucket;
    }
}
//# sourceMappingURL=token_bucket_limiter.js.map