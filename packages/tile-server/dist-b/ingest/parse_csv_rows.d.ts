/** One CSV record and the 1-based line it starts on (a quoted cell may span lines). */
export interface CsvRow {
    line: number;
    cells: string[];
}
/**
 * Splits RFC 4180 text into records: quoted cells may hold commas, doubled quotes and newlines; CRLF, LF and lone CR
 * all end a record; blank lines are skipped. A hand-written scanner rather than csv-parse because a GIS officer needs
 * the line a record *starts* on, which csv-parse does not report for multi-line records.
 */
export declare function parseCsvRows(text: string, file: string): Generator<CsvRow>;
