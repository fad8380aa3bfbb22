/** [west, south, east, north] in WGS84 degrees. */
export type Region = [number, number, number, number];
/** Bounds of South Korea's land, Baengnyeongdo to Dokdo and Marado to the DMZ. */
export declare const koreaBounds: Region;
/** Where points must lie: the declared region, or Korea's boxes. */
export interface RegionCheck {
    /** Human name for reports. */
    name: string;
    contains(lon: number, lat: number): boolean;
}
/** A region from a declared bounding box (a catalogue's `bounds`). */
export declare function declaredRegion(region: Region): RegionCheck;
/**
 * South Korea's land with its islands, and the sea within 2 km of it: open sea, Tsushima and North Korea are outside.
 * See {@link koreaLand}.
 */
export declare const koreaRegion: RegionCheck;
/** Anywhere on the globe that a web map can show; points elsewhere cannot be placed at all. */
export declare const worldRegion: RegionCheck;
/** Whether text (a header, an agency name) is Korean: data with Korean names is checked against Korea. */
export declare function looksKorean(texts: Iterable<string>): boolean;
