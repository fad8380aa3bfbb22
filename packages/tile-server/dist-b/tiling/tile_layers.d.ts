import { type ThinnedTile, type TilingLayer } from './tiling_layer.js';
/** One encoded tile (all layers), addressed by z/x/y and by its PMTiles tile id (Hilbert order). */
export interface BuiltTile {
    readonly z: number;
    readonly x: number;
    readonly y: number;
    readonly tileId: number;
    readonly data: Uint8Array;
}
export interface TileStats {
    readonly tilesPerZoom: Record<number, number>;
    readonly largest: {
        z: number;
        x: number;
        y: number;
        bytes: number;
    } | undefined;
    readonly thinned: readonly ThinnedTile[];
    /** Max-zoom tiles over MAX_TILE_BYTES, kept whole because the max zoom keeps every feature. */
    readonly dense: ReadonlyArray<{
        z: number;
        x: number;
        y: number;
        bytes: number;
    }>;
    readonly featuresPerLayer: Record<string, number>;
}
export interface TileOptions {
    /** Clustering cell below a point layer's max zoom, in tile units of 4096 (a power of two). */
    readonly clusterCell?: number;
}
/**
 * The tiling engine, in order: each layer gets a tiler (points: a clustering pyramid straight from the feature
 * store; lines and polygons: geojson-vt); zoom by zoom from the highest, the layers of each tile are joined into one
 * MVT, capped at {@link MAX_TILE_BYTES}, and handed to `onTile`; `afterZoom` runs (and is awaited) when a zoom is
 * complete. A single layer's tiles are handed over as they are cut, so the consumer can compress while tiling goes on.
 */
export declare function tileLayers(layers: readonly TilingLayer[], options: TileOptions, onTile: (tile: BuiltTile) => void, afterZoom?: (z: number) => Promise<void>): Promise<TileStats>;
