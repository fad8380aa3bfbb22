import type { IngestOptions } from '../ingest/ingest_types.js';
/** The help lines for `--encoding` and `--sheet`, shared by `build` and `validate`. */
export declare const readingUsage = "      --encoding NAME      text encoding of the input (the .dbf of a shapefile): utf-8, cp949 (euc-kr),\n                           cp932 (shift_jis) or euc-jp; sniffed when absent, and the choice is reported\n      --sheet NAME|N       XLSX sheet (or GeoPackage table) to read, by name or position (default: the first)";
/** `--encoding` and `--sheet` checked and turned into ingest options. */
export declare function readingOptions(values: {
    encoding?: string | undefined;
    sheet?: string | undefined;
}): Pick<IngestOptions, 'encoding' | 'sheet'>;
