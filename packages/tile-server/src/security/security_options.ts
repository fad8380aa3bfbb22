import type { ApiKeyRing } from './api_keys.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';

/** Limits and policies of the HTTP layer; every default is declared here once. */
export interface SecurityOptions {
  /** Origins that may read public data cross-origin; `*` for any (public data is public). */
  corsOrigins: readonly string[];
  /** Proxies in front of the server whose X-Forwarded-For is believed, as a hop count (Express `trust proxy`). */
  trustProxy: number;
  /** Sustained tile requests per second per client; 0 disables the tile limit. */
  tileRatePerSecond: number;
  /** Tile requests a client may make at once (a phone opening the map fetches ~30–60). */
  tileBurst: number;
  /** Other requests (catalogue, TileJSON, styles, look-ups, pages) per client per minute; 0 disables. */
  requestsPerMinute: number;
  /**
   * Client addresses never rate limited: local health checks and tooling. Never applied to a request that came through
   * a proxy (one carrying X-Forwarded-For, Forwarded or X-Real-IP), so a same-host proxy cannot switch limits off.
   */
  rateLimitExempt: readonly string[];
  /** IPv6 clients share one budget per prefix of this many bits: one subscriber usually holds a whole /64. */
  ipv6PrefixBits: number;
  /**
   * Host names (`name[:port]`, exact) whose requests may shape the links in the catalogue, TileJSON and styles, when
   * no public URL is set. Empty: localhost and this machine's own addresses only. Other hosts get 421.
   */
  allowedHosts: readonly string[];
  /** Cache-miss tile generations running at once per process. */
  generationConcurrency: number;
  /** Cache-miss generations allowed to wait; beyond this, 503 + Retry-After. */
  generationQueue: number;
  /** Seconds a shed or limited client is told to wait. */
  retryAfterSeconds: number;
  /** Log each request (coarsened, see access_log.ts) at info level. */
  accessLog: boolean;
  /** Milliseconds between the access log's summaries of successful public tile answers. */
  accessLogSummaryMs: number;
}

export const defaultSecurityOptions: Readonly<SecurityOptions> = Object.freeze({
  corsOrigins: ['*'],
  trustProxy: 0,
  tileRatePerSecond: 200,
  tileBurst: 1000,
  requestsPerMinute: 600,
  rateLimitExempt: ['127.0.0.1', '::1', '::ffff:127.0.0.1'],
  ipv6PrefixBits: 64,
  allowedHosts: [],
  generationConcurrency: 2,
  generationQueue: 256,
  retryAfterSeconds: 1,
  accessLog: true,
  accessLogSummaryMs: 60_000,
});

/** Restricted layers: their companion registry and the keys that unlock it. */
export interface RestrictedAccess {
  readonly registry: TilesetRegistry;
  readonly keys: ApiKeyRing;
}
