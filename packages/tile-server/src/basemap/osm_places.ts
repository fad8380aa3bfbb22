import type { Place, PlaceKind } from './place_gazetteer.js';

type Position = readonly number[];
interface ExportedFeature {
  geometry?: { type: string; coordinates: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/** `osmium tags-filter` expressions that keep every object a gazetteer entry can come from. */
export const PLACE_FILTERS = ['nwr/place', 'nwr/railway=station,halt', 'nwr/public_transport=station', 'r/boundary=administrative'];

const districtPlaces = new Set(['borough', 'city_district', 'district']);
const neighbourhoodPlaces = new Set(['suburb', 'quarter', 'neighbourhood']);
const cityPlaces = new Set(['city', 'town']);
const otherPlaces = new Set(['village', 'hamlet', 'locality', 'island', 'square']);

/**
 * Gazetteer entries from `osmium export -f geojsonseq` output: place nodes and areas, railway and subway stations
 * (not bus stops, which OSM also tags `public_transport=station`), and administrative areas. Korea maps si/gun/gu at
 * admin_level 6–7 and eup/myeon/dong at 8; elsewhere those levels are still the district and neighbourhood scale.
 */
export function placesFromGeojsonSeq(text: string): Place[] {
  const places: Place[] = [];
  for (const line of text.split('\n')) {
    // geojsonseq records start with the RS character (RFC 8142).
    const json = line.replace(/^\x1e/, '').trim();
    if (json === '') continue;
    const feature = JSON.parse(json) as ExportedFeature;
    const tags = feature.properties ?? {};
    const name = text_(tags.name);
    const kind = kindOf(tags);
    const at = feature.geometry ? labelPoint(feature.geometry) : undefined;
    if (!name || !kind || !at) continue;
    const nameEn = text_(tags['name:en']);
    places.push({ name, ...(nameEn ? { name_en: nameEn } : {}), kind, lon: at[0]!, lat: at[1]! });
  }
  return places;
}

function kindOf(tags: Record<string, unknown>): PlaceKind | undefined {
  const place = text_(tags.place);
  if (place && districtPlaces.has(place)) return 'district';
  if (place && neighbourhoodPlaces.has(place)) return 'neighbourhood';
  const railway = text_(tags.railway);
  const rail = tags.subway === 'yes' || tags.train === 'yes' || tags.light_rail === 'yes' || tags.monorail === 'yes';
  if (railway === 'station' || railway === 'halt' || (tags.public_transport === 'station' && rail)) return 'station';
  if (place && cityPlaces.has(place)) return 'city';
  if (place && otherPlaces.has(place)) return 'place';
  if (tags.boundary === 'administrative') {
    const level = Number(tags.admin_level);
    if (level === 6 || level === 7) return 'district';
    if (level >= 8 && level <= 10) return 'neighbourhood';
  }
  return undefined;
}

function text_(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A point to label a feature at: the point itself, a line's middle vertex, or the centroid of the largest ring. */
function labelPoint(geometry: { type: string; coordinates: unknown }): Position | undefined {
  switch (geometry.type) {
    case 'Point':
      return geometry.coordinates as Position;
    case 'LineString': {
      const line = geometry.coordinates as Position[];
      return line[Math.floor(line.length / 2)];
    }
    case 'Polygon':
      return ringCentroid((geometry.coordinates as Position[][])[0] ?? []);
    case 'MultiPolygon': {
      const outers = (geometry.coordinates as Position[][][]).map((polygon) => polygon[0] ?? []);
      const largest = outers.reduce((best, ring) => (Math.abs(ringArea(ring)) > Math.abs(ringArea(best)) ? ring : best), outers[0] ?? []);
      return ringCentroid(largest);
    }
    default:
      return undefined;
  }
}

function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum / 2;
}

function ringCentroid(ring: readonly Position[]): Position | undefined {
  const area = ringArea(ring);
  if (ring.length < 4 || area === 0) return ring[0];
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const cross = ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
    x += (ring[i]![0]! + ring[i + 1]![0]!) * cross;
    y += (ring[i]![1]! + ring[i + 1]![1]!) * cross;
  }
  return [x / (6 * area), y / (6 * area)];
}
