import { type EmitLayerTile, type ThinnedTile, type TilingLayer } from './tiling_layer.js';
export interface PointPyramidOptions {
    /** Side of a clustering cell below the max zoom, in tile units (a power of two dividing 4096). */
    readonly clusterCell: number;
}
/**
 * Tiles a point layer without geojson-vt, zoom by zoom from the max zoom down: every point is projected once to
 * integer world coordinates at the max zoom and sorted by tile in Morton order, so each tile is a contiguous run
 * encoded straight from the feature store. Each lower zoom aggregates the level below on a grid of `clusterCell`
 * units, tile by tile (the four children of a tile are adjacent in Morton order), keeping counts as `point_count`.
 * The max zoom keeps every point.
 */
export declare class PointPyramid {
    private readonly layer;
    private readonly options;
    private level;
    private levelZoom;
    private readonly writer;
    /** Tiles that had to be generalised further to stay under the size cap. */
    readonly thinned: ThinnedTile[];
    constructor(layer: TilingLayer, options: PointPyramidOptions);
    /** Emits every tile of zoom `z`; calls must go from the layer's max zoom down. Returns the number of tiles. */
    tilesAt(z: number, emit: EmitLayerTile): number;
}
