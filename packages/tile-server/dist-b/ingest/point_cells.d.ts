import type { IngestOptions } from './ingest_types.js';
/** How one CSV row yields its x (longitude/easting) and y (latitude/northing) cells and numbers. */
export interface PointCells {
    /** Column names the position comes from, for messages and for leaving them out of line properties. */
    columns: string[];
    xName: string;
    yName: string;
    /** The CRS the coordinate headers name, e.g. EPSG:5174 from `좌표정보x(epsg5174)`. */
    crs?: string;
    read(cells: readonly string[]): PointRead;
}
/** One row's position cells, the numbers read from them, and a repair made on the way (for a warning). */
export interface PointRead {
    xCell: string | undefined;
    yCell: string | undefined;
    x: number | undefined;
    y: number | undefined;
    repair?: {
        kind: 'dms-coordinate' | 'coordinate-typo';
        reason: string;
    };
}
/**
 * Chooses how a CSV's rows give positions: explicit or detected coordinate columns, degrees-minutes-seconds split
 * into six columns (LAT_PROVIN … LOT_SEC), or a WKT `POINT(x y)` column. The coordinate-column error (listing the
 * columns seen) is kept when none of these fits.
 */
export declare function pointCells(header: readonly string[], options: IngestOptions, file: string, sample: readonly string[] | undefined): PointCells;
