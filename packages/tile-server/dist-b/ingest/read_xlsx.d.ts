import type { SourceReader } from './source_reader.js';
/**
 * Reads one sheet of an Excel workbook (.xlsx: zipped SpreadsheetML) as a table, then places its rows exactly as
 * CSV rows are placed. The first visible sheet unless `--sheet` names one (by name or 1-based position). Title rows above
 * the real header, common in municipal lists, are detected and reported. Dates become `YYYY-MM-DD`.
 *
 * Written here rather than taken from a library: the well-known readers fail `npm audit` (SheetJS on npm is
 * 0.18.5 with advisories fixed only off-registry; exceljs 4.4.0, unreleased since 2023, pins a flagged `uuid` and
 * `tmp` and brings 150 packages), while reading cell values needs only the zip reader already used for shapefiles
 * and four XML parts.
 */
export declare const readXlsx: SourceReader;
