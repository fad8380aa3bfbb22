import type { EncodedTile } from './encoded_tile.js';
/** Marks a tile known to be empty, so repeated requests for blank sea or countryside cost nothing. */
export declare const EMPTY: unique symbol;
export type CachedTile = EncodedTile | typeof EMPTY;
/**
 * Memory a cached tile keeps alive besides its gzip bytes and its key's characters: the Map entry, the tile object,
 * its ETag string, the Uint8Array and ArrayBuffer objects, V8's backing-store records and malloc's headers. Measured
 * with `node --expose-gc test/helpers/tile_cache_overhead.mjs` (Node 20, x64): about 500 bytes in the V8 heap and
 * 770 to 860 by RSS, which also sees what V8 allocates outside its heap for each ArrayBuffer. Rounded up.
 * test/http/tile_cache_memory.test.ts fails if this figure is ever below what the process really spends.
 */
export declare const TILE_ENTRY_OVERHEAD = 1024;
/** Counts and bytes, for operators and for the tests that hold the accounting to real memory. */
export interface TileCacheStats {
    /** Bytes accounted for in all: always at most the limit. */
    readonly bytes: number;
    /** Cached tiles (not counting empty ones). */
    readonly tiles: number;
    /** Bytes of the ArrayBuffers holding cached tiles: what `process.memoryUsage().arrayBuffers` sees of the cache. */
    readonly tileBytes: number;
    /** Tiles remembered as empty, across every tile set version and zoom. */
    readonly emptyTiles: number;
}
/**
 * Least-recently-used cache of encoded tiles across tile sets, bounded by the memory it really keeps alive. Keys are
 * `{tileset}@{version}/{z}/{x}/{y}`. Empty tiles get no entry of their own: each tile set version and zoom has one
 * EmptyTiles set of tile ids, which takes its place in the same LRU order as a single entry.
 */
export declare class TileCache {
    private readonly maxBytes;
    private readonly entries;
    private bytes;
    private tileBytes;
    private tiles;
    /** An empty-tile set may use this share of the budget before it forgets its older half. */
    private readonly emptyBudget;
    constructor(maxBytes: number);
    static key(tileset: string, version: string, z: number, x: number, y: number): string;
    get(key: string): CachedTile | undefined;
    set(key: string, tile: CachedTile): void;
    get size(): number;
    get byteSize(): number;
    stats(): TileCacheStats;
    private setEmpty;
    private remove;
    private forget;
    private evict;
}
