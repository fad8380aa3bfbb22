import type { BBox } from '../lookup/feature_lookup.js';
export interface TileCoords {
    readonly z: number;
    readonly x: number;
    readonly y: number;
}
/**
 * Validates z/x/y path segments against a tile set's zoom range. The error never repeats the input,
 * so nothing a client sends is ever reflected back.
 */
export declare function parseTileCoords(z: string, x: string, y: string, zoomRange: {
    minzoom: number;
    maxzoom: number;
}): TileCoords;
/** WGS84 bounds of a tile, grown by `buffer` as a fraction of the tile size. */
export declare function tileBBox({ z, x, y }: TileCoords, buffer?: number): BBox;
/** The tile containing a WGS84 position at zoom z. */
export declare function tileForPosition(lon: number, lat: number, z: number): TileCoords;
