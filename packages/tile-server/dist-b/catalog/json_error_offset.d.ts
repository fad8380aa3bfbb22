/**
 * Where JSON text first stops being JSON, as an offset. V8 names the position for some errors and not for others
 * (`Unexpected token '}', "…" is not valid JSON`), so the catalogue reader finds it itself: a plain recursive-descent
 * scan of the grammar that only locates, and never builds values.
 */
export declare function jsonErrorOffset(text: string): number | undefined;
