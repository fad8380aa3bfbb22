import type { TilesetConfig } from '../catalog/catalog_schema.js';
import { type LayerData } from '../ingest/read_layer.js';
import { type ArchiveBuildResult } from './build_archive.js';
import type { Progress } from './progress.js';
/** Where a tile set's build writes: the PMTiles archive and, beside it, the look-up file of the same features. */
export interface TilesetFiles {
    readonly archive: string;
    readonly lookups: string;
}
export interface TilesetBuild {
    readonly build: ArchiveBuildResult;
    readonly layers: readonly LayerData[];
    /** Rows left out by the readers or the tile set's region. */
    readonly skipped: number;
}
/**
 * One catalogue tile set from source files to archive and look-ups: each layer read (allow-list, region, precision
 * grid), tiled into one PMTiles archive, and its features written beside it for `/features`. `safemap build
 * --config` publishes the result; `safemap serve` builds tile sets nobody published the same way, off its main thread.
 */
export declare function buildTileset(config: TilesetConfig, baseDir: string, catalogName: string, configHash: string, files: TilesetFiles, progress: Progress): Promise<TilesetBuild>;
