import { koreaLand } from './korea_land.js';
/** Bounds of South Korea's land, Baengnyeongdo to Dokdo and Marado to the DMZ. */
export const koreaBounds = [124.6, 33.1, 131.9, 38.62];
/** A region from a declared bounding box (a catalogue's `bounds`). */
export function declaredRegion(region) {
    const [west, south, east, north] = region;
    return {
        name: `the declared region [${region.join(', ')}]`,
        contains: (lon, lat) => lon >= west && lon <= east && lat >= south && lat <= north,
    };
}
/**
 * South Korea's land with its islands, and the sea within 2 km of it: open sea, Tsushima and North Korea are outside.
 * See {@link koreaLand}.
 */
export const koreaRegion = {
    name: 'South Korea (its land and islands, within 2 km of the coast)',
    contains: (lon, lat) => koreaLand().contains(lon, lat),
};
/** Anywhere on the globe that a web map can show; points elsewhere cannot be placed at all. */
export const worldRegion = {
    name: 'the world (longitude ±180, latitude ±85.05)',
    contains: (lon, lat) => Math.abs(lon) <= 180 && Math.abs(lat) <= 85.0511 && !(lon === 0 && lat === 0),
};
const hangul = /[\uAC00-\uD7A3]/;
/** Whether text (a header, an agency name) is Korean: data with Korean names is checked against Korea. */
export function looksKorean(texts) {
    for (const text of texts)
        if (hangul.test(text))
            return true;
    return false;
}
//# sourceMappingURL=korea_region.js.map