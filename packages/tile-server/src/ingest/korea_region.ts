import { koreaLand } from './korea_land.js';

/** [west, south, east, north] in WGS84 degrees. */
export type Region = [number, number, number, number];

/** Bounds of South Korea's land, Baengnyeongdo to Dokdo and Marado to the DMZ. */
export const koreaBounds: Region = [124.6, 33.1, 131.9, 38.62];

/** Where points must lie: the declared region, or Korea's boxes. */
export interface RegionCheck {
  /** Human name for reports. */
  name: string;
  contains(lon: number, lat: number): boolean;
}

/** A region from a declared bounding box (a catalogue's `bounds`). */
export function declaredRegion(region: Region): RegionCheck {
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
export const koreaRegion: RegionCheck = {
  name: 'South Korea (its land and islands, within 2 km of the coast)',
  contains: (lon, lat) => koreaLand().contains(lon, lat),
};

/** Anywhere on the globe that a web map can show; points elsewhere cannot be placed at all. */
export const worldRegion: RegionCheck = {
  name: 'the world (longitude ±180, latitude ±85.05)',
  contains: (lon, lat) => Math.abs(lon) <= 180 && Math.abs(lat) <= 85.0511 && !(lon === 0 && lat === 0),
};

const hangul = /[\uAC00-\uD7A3]/;

/** Whether text (a header, an agency name) is Korean: data with Korean names is checked against Korea. */
export function looksKorean(texts: Iterable<string>): boolean {
  for (const text of texts) if (hangul.test(text)) return true;
  return false;
}
