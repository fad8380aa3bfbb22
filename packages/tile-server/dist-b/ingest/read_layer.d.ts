import type { LayerConfig } from '../catalog/catalog_schema.js';
import { type FeatureStore } from './feature_store.js';
import type { SourceProblem } from './source_problem.js';
export interface LayerData {
    readonly layer: LayerConfig;
    readonly file: string;
    /** The layer's features: WGS84, inside the region, snapped to the layer's grid, only allow-listed properties. */
    readonly store: FeatureStore;
    readonly problems: readonly SourceProblem[];
    /** SHA-256 of the source bytes, hex, so an archive says exactly what it was made from. */
    readonly sha256: string;
}
/**
 * Reads one catalogue layer's source file through the same ingest and validation as `safemap validate` and
 * `safemap build`: rows that cannot be placed or are quarantined (placeholders, swapped axes, outside Korea or the
 * tile set's region) become problems, never features; only the layer's allow-listed properties are kept; a layer
 * with a precision grid has its positions snapped. The CRS is the layer's, else the one the file names, else
 * detected — projected metres with none declared are refused, never guessed.
 */
export declare function readLayer(layer: LayerConfig, baseDir: string, region?: readonly [number, number, number, number]): Promise<LayerData>;
