import type { TilesetConfig } from '../catalog/catalog_schema.js';
import { ArchiveTileSource } from './archive_tile_source.js';
import type { TileCache } from './tile_cache.js';
import type { Tileset } from './tileset.js';
/** The files of one built version of a tile set: its archive and, beside it, the look-ups of the same build. */
export interface VersionFiles {
    readonly version: string;
    readonly archive: string;
    readonly lookups: string;
}
/**
 * A tile set served from a built version, published or built by the server itself: tiles from the archive,
 * `/features` from the look-ups written by the same build, and earlier versions still answering their own versioned
 * URLs. There is no other way to serve a tile set: the server never cuts tiles itself.
 */
export declare function loadTilesetVersion(config: TilesetConfig, current: VersionFiles, earlier: ReadonlyMap<string, ArchiveTileSource>, cache: TileCache): Promise<Tileset>;
export declare function exists(file: string): Promise<boolean>;
