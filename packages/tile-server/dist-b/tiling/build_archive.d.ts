import type { ArchiveMetadata, SourceRecord } from '../archive/archive_metadata.js';
import { type ArchiveFormat } from '../archive/open_archive.js';
import type { Progress } from './progress.js';
import { type TileOptions, type TileStats } from './tile_layers.js';
import type { TilingLayer } from './tiling_layer.js';
export type { TileStats } from './tile_layers.js';
/** What a build records about itself besides the tiles; never the clock, so the same input gives the same bytes. */
export interface ArchiveDescription {
    readonly name: string;
    readonly description?: string;
    readonly attribution?: string;
    readonly generatorOptions: string;
    readonly sources: readonly SourceRecord[];
    /** Declared region; otherwise the features' bounding box. */
    readonly bounds?: readonly [number, number, number, number];
    readonly center?: readonly [number, number, number];
    /** Published property types per layer (the allow-list); otherwise the types seen in the data. */
    readonly fields?: Readonly<Record<string, Readonly<Record<string, string>>>>;
    readonly configHash?: string;
}
export interface ArchiveBuildResult extends TileStats {
    readonly tiles: number;
    readonly bytes: number;
    readonly metadata: ArchiveMetadata;
}
/**
 * From feature stores to an archive: tiles come zoom by zoom from {@link tileLayers}, are checked to decode and
 * gzipped in worker threads while tiling goes on, and are written to the archive as they come — at most one zoom's
 * tiles are in memory. The archive is read back before returning. `file` should be a staging path: on failure it is removed,
 * and moving it into place is the caller's atomic step.
 */
export declare function buildArchive(layers: readonly TilingLayer[], file: string, format: ArchiveFormat, description: ArchiveDescription, progress: Progress, options?: TileOptions): Promise<ArchiveBuildResult>;
