/** A CSV header made usable: trimmed, BOM-free, unique names, with trailing unnamed columns dropped. */
export interface CleanHeader {
    /** Names of the columns kept, in file order. */
    names: string[];
    /** Renamed duplicates, for the report: `original` seen again at column `column` (1-based), now `renamed`. */
    duplicates: Array<{
        original: string;
        renamed: string;
        column: number;
    }>;
}
/**
 * Trims names, removes a BOM, drops trailing empty columns (exports pad rows with dozens of commas) and makes
 * duplicates unique (`이름`, `이름_2`) so no column silently overwrites another.
 */
export declare function cleanHeader(raw: readonly string[]): CleanHeader;
