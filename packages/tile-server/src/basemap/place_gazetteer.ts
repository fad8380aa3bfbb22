import { writeFile } from 'node:fs/promises';

/** What a named place is to a resident searching for it. */
export type PlaceKind = 'city' | 'district' | 'neighbourhood' | 'station' | 'place';

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

/** Places closer than this with the same name and kind are one place (a station's node and its area, say). */
const SAME_PLACE_METERS = 400;
/** Five decimals is about 1 m, finer than any label needs. */
const DECIMALS = 5;

const kindOrder: Record<PlaceKind, number> = { city: 0, district: 1, neighbourhood: 2, station: 3, place: 4 };

/**
 * The gazetteer as it is written beside a basemap archive: duplicates merged, coordinates rounded, sorted by kind
 * then name, so the same data always gives the same bytes.
 */
export function normalizePlaces(places: readonly Place[]): Place[] {
  const kept: Place[] = [];
  for (const place of places) {
    const name = place.name.trim();
    if (name === '' || !Number.isFinite(place.lon) || !Number.isFinite(place.lat)) continue;
    const twin = kept.find((other) => other.kind === place.kind && other.name === name && meters(other, place) < SAME_PLACE_METERS);
    if (twin) continue;
    const nameEn = place.name_en?.trim();
    kept.push({
      name,
      ...(nameEn && nameEn !== name ? { name_en: nameEn } : {}),
      kind: place.kind,
      lon: round(place.lon),
      lat: round(place.lat),
    });
  }
  return kept.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.name.localeCompare(b.name, 'ko') || a.lon - b.lon || a.lat - b.lat);
}

/** Writes `{"places":[...]}`, one place a line so diffs of a regenerated file stay readable. */
export async function writePlaces(file: string, places: readonly Place[]): Promise<number> {
  const list = normalizePlaces(places);
  const body = `{"places":[\n${list.map((place) => JSON.stringify(place)).join(',\n')}\n]}\n`;
  await writeFile(file, body);
  return list.length;
}

function round(value: number): number {
  const f = 10 ** DECIMALS;
  return Math.round(value * f) / f;
}

/** Equirectangular distance: exact enough at a few hundred metres. */
function meters(a: Pick<Place, 'lon' | 'lat'>, b: Pick<Place, 'lon' | 'lat'>): number {
  const k = Math.PI / 180;
  const x = (b.lon - a.lon) * k * Math.cos(((a.lat + b.lat) / 2) * k);
  const y = (b.lat - a.lat) * k;
  return Math.hypot(x, y) * 6_371_000;
}
