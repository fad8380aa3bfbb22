/** What a named place is to a resident searching for it. */
export type PlaceKind = 'district' | 'neighbourhood' | 'station' | 'place';
/** One entry of a basemap's place gazetteer (`<name>.places.json`). */
export interface Place {
    /** Local name (Hangul in Korea). */
    readonly name: string;
    /** English or romanised name, when the data has one. */
    readonly name_en?: string;
    readonly kind: PlaceKind;
    readonly lon: number;
    readonly lat: number;
}
/**
 * The gazetteer as it is written beside a basemap archive: duplicates merged, coordinates rounded, sorted by kind
 * then name, so the same data always gives the same bytes.
 */
export declare function normalizePlaces(places: readonly Place[]): Place[];
/** Writes `{"places":[...]}`, one place a line so diffs of a regenerated file stay readable. */
export declare function writePlaces(file: string, places: readonly Place[]): Promise<number>;
