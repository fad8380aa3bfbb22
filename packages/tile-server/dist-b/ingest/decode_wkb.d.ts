import type { Geometry } from 'geojson';
/** A decoded geometry, `null` for an empty one, or why the bytes cannot be one. */
export type WkbResult = {
    geometry: Geometry | null;
} | {
    invalid: string;
};
/**
 * Decodes Well-Known Binary (OGC/ISO, with Z, M and ZM in either the ISO or the EWKB style) into GeoJSON with x and
 * y only. GeoPackage stores geometries this way; about 80 lines here against a dependency for one call. Counts are
 * checked against the bytes left before anything is allocated, positions against {@link geometryLimits}, and
 * collections may not nest deeper than the limit, so a hostile blob is refused, never a crash.
 */
export declare function decodeWkb(bytes: Uint8Array): WkbResult;
