import type { IngestOptions, IngestResult, SourceSummary } from './ingest_types.js';
export type { IngestOptions, IngestProgress, IngestResult, IngestedFeature, ProblemKind, SourceSummary, ValidationProblem } from './ingest_types.js';
/**
 * Reads agency files (CSV in any Korean standard layout, XLSX, GeoJSON, NDJSON, shapefiles, GeoPackage, FlatGeobuf,
 * KML) into one compact store
 * of WGS84 features, and validates them: read (one reader per format) → shared stage → CRS and placement. Nothing is
 * written: a refused file (projected coordinates without a CRS, unreadable, unparseable) throws a SafeMapError
 * before any caller can produce output. Large GeoJSON and NDJSON files are read by several threads.
 */
export declare function ingestFiles(files: string[], options?: IngestOptions): Promise<IngestResult>;
/** The format follows the extension, as ogr2ogr and tippecanoe do; unknown extensions are refused, not guessed. */
export declare function formatOf(file: string): SourceSummary['format'];
