import type { SourceReader } from './source_reader.js';
/**
 * Reads a FlatGeobuf file with the format's own package, streamed feature by feature. The header's CRS (an EPSG
 * code, or WKT matched to one) is the file's stated CRS.
 */
export declare const readFlatgeobuf: SourceReader;
