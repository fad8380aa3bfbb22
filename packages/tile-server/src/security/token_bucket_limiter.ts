/** Settings of a per-client token bucket. */
export interface TokenBucketOptions {
  /** Tokens added per second: the sustained requests per second a client may make. 0 disables the limit. */
  ratePerSecond: number;
  /** Bucket size: how many requests a client may make at once after being idle. */
  burst: number;
  /** Clients that are never limited (exact addresses), e.g. local health checks. */
  exempt?: readonly string[];
  /** Upper bound on tracked clients, so a flood of spoofed sources cannot grow memory without end. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

/**
 * A cheap per-client limiter for the tile fast path: one map look-up and some arithmetic per request. The
 * express-rate-limit middleware guards the other routes; tiles need something that costs far less than a request.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly exempt: ReadonlySet<string>;
  private readonly maxClients: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.exempt = new Set(options.exempt ?? []);
    this.maxClients = options.maxClients ?? 100_000;
  }

  get enabled(): boolean {
    return this.options.ratePerSecond > 0;
  }

  /** Takes one token for `client`; returns 0 when allowed, otherwise the seconds until a token is available. */
  take(client: string, now = Date.now()): number {
    if (!this.enabled || this.exempt.has(client)) return 0;
    let bucket = this.buckets.get(client);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxClients) this.sweep(now);
      bucket = { tokens: this.options.burst, updated: now };
      this.buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updated) / 1000) * this.options.ratePerSecond);
      bucket.updated = now;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.ratePerSecond));
  }

  /** Forgets full buckets (idle clients); if that frees nothing, forgets the oldest half. */
  private sweep(now: number): void {
    const refillMs = (this.options.burst / this.options.ratePerSecond) * 1000;
    for (const [client, bucket] of this.buckets) if (now - bucket.updated >= refillMs) this.buckets.delete(client);
    if (this.buckets.size < this.maxClients) return;
    let drop = Math.ceil(this.buckets.size / 2);
    for (const client of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(client);
    }
  }
}
