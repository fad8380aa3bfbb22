import { SafeMapError } from '../errors.js';
/** The hand-checked systems; every other EPSG code PROJ knows comes from the `epsg-index` package. */
export declare const supportedCrs: readonly string[];
export type ToWgs84 = (x: number, y: number) => [lon: number, lat: number];
/** Whether `crs` (any form {@link normalizeCrs} accepts) names a system SafeMap can project from. */
export declare function isKnownCrs(crs: string): boolean;
/** A human name: "EPSG:6675 (JGD2011 / Japan Plane Rectangular CS VII)", or the name inside WKT. */
export declare function describeCrs(crs: string): string;
/**
 * Returns a converter from the given CRS to WGS84 longitude/latitude. Input is always easting, northing (longitude,
 * latitude for geographic systems), as GeoJSON requires and as GDAL writes files ("traditional GIS order"), even
 * where the EPSG definition orders its axes northing first (JGD2011, EPSG:4326 itself).
 */
export declare function toWgs84(crs: string): ToWgs84;
/** The refusal for a CRS nobody can project from, with the next step. */
export declare function unknownCrs(crs: string): SafeMapError;
/**
 * Accepts "EPSG:5186", "epsg:5186", "5186", the OGC URN forms found in legacy GeoJSON `crs` members, CRS84, and WKT
 * (as in a shapefile's `.prj`). WKT that names its EPSG code, or whose parameters match a hand-checked Korean system
 * (ESRI `.prj` files leave out the datum shift), becomes that code; other WKT is returned as given.
 */
export declare function normalizeCrs(crs: string): string;
