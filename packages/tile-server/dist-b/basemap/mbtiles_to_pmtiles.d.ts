/** What a conversion wrote. */
export interface ConvertedArchive {
    readonly tiles: number;
    readonly minzoom: number;
    readonly maxzoom: number;
    readonly bounds: readonly [number, number, number, number];
}
/** Attribution of every OpenStreetMap-derived basemap; ODbL requires it wherever the map is shown. */
export declare const OSM_ATTRIBUTION = "\u00A9 OpenStreetMap contributors";
/**
 * Copies the tiles of an MBTiles file (as tilemaker writes it) into a PMTiles archive, so the basemap can be served
 * as one static, range-readable file. Tiles stay as they are except for compression: stored gzip bytes are kept and
 * uncompressed ones are gzipped, since a PMTiles archive has one tile compression for all tiles.
 * Bounds come from the tiles at the highest zoom: tilemaker records 0,0,0,0 when the extract has no bbox header.
 */
export declare function mbtilesToPmtiles(mbtilesFile: string, pmtilesFile: string, options?: {
    attribution?: string;
    name?: string;
}): Promise<ConvertedArchive>;
