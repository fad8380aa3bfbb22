import type { IngestOptions } from './ingest_types.js';
import { type CsvRow } from './parse_csv_rows.js';
import type { RawRecord } from './record_stage.js';
import type { ReaderFacts, SourceReader } from './source_reader.js';
/**
 * Reads a CSV of points (one row per point: coordinate columns detected or named, DMS in six columns, or WKT) or of
 * line vertices (id, sequence, coordinates: one line per id, in sequence order). Records carry the cells as text,
 * keyed by the cleaned header; rows without a usable position are reported here, with their line.
 */
export declare const readCsv: SourceReader;
/**
 * The rows of a table (CSV lines, spreadsheet rows: a header row, then cells as text) into records: coordinate
 * columns detected or named, line vertices joined. Shared by every tabular format, so they place rows alike.
 */
export declare function readRows(file: string, rows: Iterator<CsvRow>, base: Pick<ReaderFacts, 'format' | 'encoding'>, options: IngestOptions, emit: (record: RawRecord) => void): ReaderFacts;
