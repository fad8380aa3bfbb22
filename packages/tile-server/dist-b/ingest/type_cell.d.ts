/**
 * Types one CSV cell: a canonical decimal that round-trips becomes a number, so phone numbers, codes with leading
 * zeros and `2018-09` stay text; empty, `null` and dash cells give undefined (the property is omitted).
 */
export declare function typeCell(cell: string): string | number | undefined;
/** Whether a cell holds no value (so a required field counts as missing). */
export declare function isEmptyCell(cell: string | undefined): boolean;
/**
 * Parses a coordinate cell: plain decimals with an optional sign (the Unicode minus too) and exponent. Thousands
 * separators and decimal commas are refused rather than guessed.
 */
export declare function parseCoordinate(cell: string | undefined): number | undefined;
/** A coordinate cell read with a repair: degrees-minutes-seconds, or a stray separator after the number. */
export interface RepairedCoordinate {
    value: number;
    repair?: 'dms' | 'typo';
}
/**
 * Parses a coordinate cell as {@link parseCoordinate} does, and otherwise repairs the two slips seen in agency files,
 * saying so: Google-Maps degrees-minutes-seconds in one cell (`35°08'54.3"N`, `129° 03′ 31.2″ E`, `N35°8.905'`), and a
 * trailing separator (`129.0345,`). Anything else stays unparseable.
 */
export declare function parseCoordinateCell(cell: string | undefined): RepairedCoordinate | undefined;
