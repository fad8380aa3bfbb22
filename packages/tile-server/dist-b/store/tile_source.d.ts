import type { TileCoords } from '../tiling/tile_coords.js';
import type { EncodedTile } from './encoded_tile.js';
import type { CachedTile } from './tile_cache.js';
/** Anything that can answer z/x/y with tile bytes: live slicing or a published archive. */
export interface TileSource {
    /** Changes whenever the tiles' content may change; tile URLs and cache keys carry it. */
    readonly version: string;
    /** The tile, or undefined when it is empty. */
    getTile(coords: TileCoords): Promise<EncodedTile | undefined>;
    /**
     * Only what is already in memory, synchronously: the tile, EMPTY when known to be empty, or undefined when it has
     * not been produced yet. Lets the HTTP fast path answer cache hits without a promise or any other work.
     */
    cached(coords: TileCoords): CachedTile | undefined;
    /** An earlier version still kept on disk, for clients holding its TileJSON; undefined when it is gone. */
    previousVersion?(version: string): TileSource | undefined;
    close(): Promise<void>;
}
