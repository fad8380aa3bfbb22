import { type EncodedTile } from './encoded_tile.js';
import { TileCache, type CachedTile } from './tile_cache.js';
import type { TileSource } from './tile_source.js';
import type { TileCoords } from '../tiling/tile_coords.js';
import { type TileArchive } from '../archive/open_archive.js';
/**
 * Answers tiles from an archive (PMTiles, MBTiles or a tile directory). Each tile is read once, then
 * kept in the shared tile cache under this tile set and version; concurrent misses for one tile share one read.
 */
export declare class ArchiveTileSource implements TileSource {
    private readonly tilesetId;
    readonly version: string;
    private readonly archive;
    private readonly cache;
    private readonly previous;
    private readonly pending;
    constructor(tilesetId: string, version: string, archive: TileArchive, cache: TileCache, previous?: ReadonlyMap<string, ArchiveTileSource>);
    getTile(coords: TileCoords): Promise<EncodedTile | undefined>;
    cached(coords: TileCoords): CachedTile | undefined;
    previousVersion(version: string): TileSource | undefined;
    close(): Promise<void>;
    private read;
}
