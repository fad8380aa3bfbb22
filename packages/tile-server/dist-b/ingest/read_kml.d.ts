import type { SourceReader } from './source_reader.js';
/**
 * Reads KML, or KMZ (a zip whose `doc.kml`, else first `.kml`, is the document), with `@tmcw/togeojson` on an
 * `@xmldom/xmldom` tree. KML coordinates are always WGS84 longitude, latitude (EPSG:4326), so that is the file's
 * stated CRS. A document declaring entities is refused: KML has no use for them, and expanding them is how XML
 * bombs work.
 */
export declare const readKml: SourceReader;
