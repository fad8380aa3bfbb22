import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Tileset } from '../store/tileset.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import type { TokenBucketLimiter } from '../security/token_bucket_limiter.js';
import type { WorkLimiter } from '../security/work_limiter.js';
import { CorsPolicy } from './cors_policy.js';
export interface TileEndpointOptions {
    /** Cache lifetime, in seconds, of tiles requested without a version. */
    maxAge: number;
    /** Who may read tiles cross-origin; default any origin. */
    cors?: CorsPolicy;
    /** Per-client request budget for tiles; absent or disabled means unlimited. */
    limiter?: TokenBucketLimiter | undefined;
    /** Proxies in front of the server whose X-Forwarded-For is believed (`trust proxy` as a hop count). */
    trustedHops?: number;
    /** Bound on concurrent cache-miss generations; absent means tiles are cut inline. */
    work?: WorkLimiter | undefined;
}
/**
 * Serves tiles straight from the node request, in front of the router: on a cache hit this is a regex, a map
 * look-up and one write with a header list computed at start-up. Returns false when the request is not for a tile.
 */
export declare function createTileEndpoint(getRegistry: () => TilesetRegistry, options: TileEndpointOptions): (req: IncomingMessage, res: ServerResponse) => boolean;
/**
 * Validates z/x/y and answers with the tile of `tileset`: from memory at once, otherwise by slicing or reading the
 * archive through the work limiter (503 + Retry-After when it is full). Tiles are held gzipped; a client that does
 * not accept gzip gets them inflated in the libuv pool through the same limiter. Shared by public and restricted tiles.
 */
export declare function serveTile(req: IncomingMessage, res: ServerResponse, tileset: Tileset, z: string, x: string, y: string, reply: TileReply, work: WorkLimiter | undefined): void;
/** The fixed parts of a tile answer, computed once per route or per request, never per header. */
export interface TileReply {
    /** Security and Cache-Control headers, flat `[name, value, …]`. */
    readonly headers: readonly string[];
    /** Access-Control headers for this request's origin. */
    readonly cors: readonly string[];
    /** The whole Vary value: one header, since later duplicates would replace earlier ones on Express responses. */
    readonly vary: string;
}
