import type { SourceReader } from './source_reader.js';
/**
 * Reads a GeoJSON FeatureCollection (any layout: one line, one feature per line, pretty-printed), a bare Feature or
 * a geometry. The bytes are scanned for the structure only (braces outside strings, strings skipped with the native
 * indexOf), and each feature's own text goes to the native JSON.parse: no per-token work in JavaScript and only one
 * chunk in memory. With a {@link FilePart}, the whole file is scanned but only the features starting in that part's
 * share of the bytes are parsed, so several threads split one file and their parts join in file order.
 */
export declare const readGeojson: SourceReader;
/** Reads newline-delimited GeoJSON (RFC 8142 record separators and blank lines skipped); parts split at lines. */
export declare const readNdjson: SourceReader;
