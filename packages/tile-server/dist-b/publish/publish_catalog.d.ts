import type { LoadedCatalog } from '../catalog/load_catalog.js';
import { SafeMapError } from '../errors.js';
import type { ArchiveBuildResult } from '../tiling/build_archive.js';
import type { Progress } from '../tiling/progress.js';
import { type LayerChange } from './publish_guard.js';
import { type PublishResult } from './publish_version.js';
export interface CatalogBuildOptions {
    readonly progress: Progress;
    /** Tile set ids to build; all when empty. */
    readonly only?: readonly string[];
    /** Told of each staging path while it exists, so a signal handler can remove it. */
    readonly onStaging?: (file: string, active: boolean) => void;
    /** Publish even when the guard refuses (a layer empty, or fewer than half of the live version's features). */
    readonly allowShrink?: boolean;
}
export interface TilesetBuildResult {
    readonly tileset: string;
    readonly build: ArchiveBuildResult;
    readonly publish: PublishResult;
    /** Rows left out by the source readers or the tile set's region. */
    readonly skipped: number;
    /** Each layer against the live version, as the guard judged it. */
    readonly changes: readonly LayerChange[];
}
/** A refused publish: DATA_INVALID (exit 7) carrying every layer's change, so the command can report them. */
export declare class PublishRefusedError extends SafeMapError {
    readonly changes: readonly LayerChange[];
    constructor(message: string, changes: readonly LayerChange[]);
}
/**
 * Builds and publishes every public tile set of a catalogue with the same engine the server uses for unpublished
 * ones (same readers, allow-lists, region and precision grid; restricted layers never enter a published archive).
 * Every tile set is staged first, beside its published version, and compared with the live version layer by layer;
 * if the publish guard refuses any layer, nothing is published and the staged files are removed (unless
 * `allowShrink`). Otherwise each is switched in. A failure leaves the published versions as they were.
 */
export declare function publishCatalog(loaded: LoadedCatalog, options: CatalogBuildOptions): Promise<TilesetBuildResult[]>;
