/** The coordinate columns, and the CRS their headers name (`좌표정보x(epsg5174)`, `X [EPSG:5186]`), as EPSG:N. */
export type CoordinateColumns = ({
    kind: 'latlon';
    lat: string;
    lon: string;
} | {
    kind: 'xy';
    x: string;
    y: string;
}) & {
    crs?: string;
};
/**
 * Finds the coordinate columns of a CSV header. Explicit names win; otherwise known layouts are matched
 * case-insensitively and ignoring spaces. The error lists the columns that were seen.
 */
export declare function detectCoordinateColumns(header: readonly string[], explicit?: {
    lat?: string | undefined;
    lon?: string | undefined;
    x?: string | undefined;
    y?: string | undefined;
}, file?: string): CoordinateColumns;
/** The EPSG code a column header names, as EPSG:N. */
export declare function crsInHeader(name: string): string | undefined;
