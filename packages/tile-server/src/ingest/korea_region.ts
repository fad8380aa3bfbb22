/** [west, south, east, north] in WGS84 degrees. */
export type Region = [number, number, number, number];

/**
 * South Korea as a few boxes rather than one, so the open sea between the mainland and Ulleung is not "inside":
 * the mainland with Jeju, Marado and the western islands (Baengnyeongdo at 124.6°E), and Ulleungdo with Dokdo.
 */
export const koreaBoxes: readonly Region[] = [
  [124.5, 33.0, 130.0, 38.65],
  [130.7, 37.1, 132.0, 37.7],
];

/** Bounds of all of {@link koreaBoxes}. */
export const koreaBounds: Region = [124.5, 33.0, 132.0, 38.65];

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

/** South Korea including Jeju, Ulleungdo and Dokdo. */
export const koreaRegion: RegionCheck = {
  name: 'South Korea (mainland, Jeju, Ulleungdo, Dokdo)',
  contains: (lon, lat) => koreaBoxes.some(([west, south, east, north]) => lon >= west && lon <= east && lat >= south && lat <= north),
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
