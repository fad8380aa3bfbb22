import { type EmitLayerTile, type TilingLayer } from './tiling_layer.js';
/**
 * Tiles a line, polygon or mixed layer with geojson-vt, which clips and simplifies per zoom (Douglas–Peucker,
 * tolerance 3 of 4096 below the max zoom, none at it). Tiles of a zoom are visited in a fixed order, so output is
 * stable. Feature ids are positions in the layer's store, as in point layers.
 */
export declare class ShapeTiler {
    private readonly layer;
    private readonly slicer;
    private readonly boxes;
    constructor(layer: TilingLayer);
    /** Emits every non-empty tile of zoom `z` (any order of zooms); returns the number of tiles. */
    tilesAt(z: number, emit: EmitLayerTile): number;
}
