import type { Geometry } from 'geojson';
import type { FeatureStore } from './feature_store.js';
import type { PropertyPolicy } from './record_stage.js';
/** How to read and judge the input files; every field is optional and defaults to detection. */
export interface IngestOptions {
    /** `EPSG:N` of the coordinates; overrides detection and any GeoJSON `crs` member. */
    crs?: string;
    /** CSV latitude column (degrees). */
    lat?: string;
    /** CSV longitude column (degrees). */
    lon?: string;
    /** CSV projected easting column (metres). */
    x?: string;
    /** CSV projected northing column (metres). */
    y?: string;
    /**
     * Text encoding (`utf-8`, `cp949`/`euc-kr`, `cp932`/`shift_jis`, `euc-jp`); sniffed unless given (BOM → UTF-8,
     * valid UTF-8, else Korean or Japanese double-byte by which reads as real text). Shapefiles default to their
     * `.cpg`/`.cst`, else CP949.
     */
    encoding?: string;
    /** File format; from the extension unless given. */
    format?: SourceFormat;
    /** XLSX: the sheet to read, by name or 1-based position (default: the first). */
    sheet?: string;
    /** Expected geometry kind, when known (catalogue); features of another kind are problems. */
    geometry?: 'point' | 'line' | 'polygon';
    /** Keep suspect rows (outside the region, swapped, shared placeholder coordinate) instead of quarantining them. */
    keepSuspect?: boolean;
    /** Region the data must lie in, [west, south, east, north]; otherwise Korea when the data looks Korean. */
    region?: [number, number, number, number];
    /** Fields every row must have (after header clean-up). */
    requiredFields?: string[];
    /** A data date older than this many days is flagged (default 730). */
    staleAfterDays?: number;
    /** The present, for tests of stale dates. */
    now?: Date;
    /** Which properties to keep (default: all); applied as records are read, so nothing else is ever held. */
    publish?: PropertyPolicy;
    /** Called while reading (per chunk of rows or features) and validating. */
    onProgress?: (event: IngestProgress) => void;
}
/** One progress report of a long ingest step. */
export interface IngestProgress {
    step: 'read' | 'validate';
    file: string;
    done: number;
    total?: number;
}
/** A feature as read from a source file: WGS84 geometry and every source property, typed. */
export interface IngestedFeature {
    /** WGS84 longitude/latitude. */
    geometry: Geometry;
    /** All source properties (NFC text, canonical numbers as numbers); a null-prototype object. */
    properties: Record<string, string | number | boolean>;
    /** CSV line (1-based, the row's first line) or GeoJSON feature index (0-based). */
    origin: {
        file: string;
        line?: number;
        feature?: number;
    };
}
/** The kinds of problem a validation reports; stable, for `--json` consumers. */
export type ProblemKind = 'unparseable-number' | 'missing-coordinates' | 'repeated-header' | 'outside-region' | 'swapped-lat-lon' | 'shared-coordinate' | 'invalid-geometry' | 'unexpected-geometry' | 'missing-field' | 'stale-date' | 'duplicate-header' | 'low-precision' | 'far-from-group' | 'empty-file' | 'crs-detected' | 'dms-coordinate' | 'coordinate-typo' | 'skipped-rows';
/** One thing wrong with the data, located by file and CSV line or GeoJSON feature index. */
export interface ValidationProblem {
    file: string;
    /** 1-based CSV line where the row starts. */
    line?: number;
    /** 0-based GeoJSON feature index. */
    feature?: number;
    kind: ProblemKind;
    /** `error` problems make `safemap validate` fail; warnings are reported only. */
    severity: 'error' | 'warning';
    /** True when the row or feature was left out of the result. */
    quarantined: boolean;
    reason: string;
}
/** The input formats read: text tables, GeoJSON, and the GIS formats agencies export (`fgb` is FlatGeobuf). */
export type SourceFormat = 'csv' | 'geojson' | 'ndjson' | 'xlsx' | 'shapefile' | 'gpkg' | 'fgb' | 'kml';
/** What was read from one file. */
export interface SourceSummary {
    file: string;
    /** SHA-256 of the file bytes, hex. */
    sha256: string;
    format: SourceFormat;
    encoding: string;
    /** The CRS the coordinates were read in, and how it was chosen. */
    crs: string;
    /** Rows (CSV) or features (GeoJSON) read. */
    rows: number;
    accepted: number;
    quarantined: number;
    /** Distinct data dates (데이터기준일자 and similar), ISO `YYYY-MM-DD`, sorted. */
    dataDates: string[];
    /** The cleaned CSV header. */
    header?: string[];
    /** What was read inside the file, when it holds several: the sheet, the table, the shapefiles of a zip. */
    layer?: string;
    /** The CRS as the file states it in WKT (a shapefile's `.prj`), when it does. */
    crsWkt?: string;
}
/** Accepted features, every problem found and a summary per file. */
export interface IngestResult {
    /** Every accepted feature of every file, in file order: what the tiler reads. */
    store: FeatureStore;
    /** The same features as GeoJSON objects, built on first use (for reports and small files). */
    readonly features: IngestedFeature[];
    problems: ValidationProblem[];
    sources: SourceSummary[];
}
