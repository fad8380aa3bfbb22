import type { SourceReader } from './source_reader.js';
/**
 * Reads one feature table of a GeoPackage (an SQLite file, read with better-sqlite3, opened read-only): the first
 * in `gpkg_contents` unless `--sheet` names another (by name or 1-based position). Geometries are GeoPackage blobs:
 * a small header, then WKB. The table's CRS comes from `gpkg_spatial_ref_sys`: an EPSG code, or its WKT matched
 * to one.
 */
export declare const readGeopackage: SourceReader;
