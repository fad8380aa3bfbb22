import type { IngestOptions, SourceSummary, ValidationProblem } from './ingest_types.js';
import type { RawRecord } from './record_stage.js';

/** A slice of a file for one of several readers working in parallel: part `index` of `count`. */
export interface FilePart {
  readonly index: number;
  readonly count: number;
}

/** What only the format knows about a file: facts the shared stage and the CRS choice need afterwards. */
export interface ReaderFacts {
  format: SourceSummary['format'];
  encoding: string;
  /** A CRS the file names itself (a GeoJSON `crs` member, a GeoPackage SRS, a `.prj` matched to a code), as EPSG:N. */
  crsMember?: string;
  /** The CRS as the file states it in WKT (a shapefile's `.prj`, a FlatGeobuf header), whether or not it matched a code. */
  crsWkt?: string;
  /** The cleaned CSV header. */
  header?: string[];
  /** What was read inside the file, when it holds several: the sheet, the table, the shapefiles of a zip. */
  layer?: string;
  /** Rows that could not become records at all (no position), and header warnings. */
  problems: ValidationProblem[];
  /** CSV lines whose coordinates have two decimals or fewer: worth a warning if they turn out to be degrees. */
  coarseLines: number[];
  /** Rows the reader saw but did not emit (blank or unplaceable rows), for the row count. */
  unplaced: number;
}

/**
 * The one interface every input format implements: a file (or part of one) in, raw records out, in file order.
 * Everything after it — typing, allow-lists, CRS, projection, validation — is shared.
 */
export type SourceReader = (file: string, options: IngestOptions, emit: (record: RawRecord) => void, part?: FilePart) => Promise<ReaderFacts>;

/** Formats whose files can be split at record boundaries and read by several threads. */
export function isSplittable(format: SourceSummary['format']): boolean {
  return format === 'geojson' || format === 'ndjson' || format === 'csv';
}
