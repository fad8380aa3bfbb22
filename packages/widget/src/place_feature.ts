import type { LngLat } from './geo.js';

/** A feature of the tile set reduced to what the resident tools need: where it is and what it says. */
export interface PlaceFeature {
  /** Feature id within its layer, as the tile server numbers it. */
  id: number | string;
  /** Catalogue layer id. */
  layer: string;
  /** One representative point: the point itself, a line's middle vertex, a polygon's vertex average. */
  at: LngLat;
  properties: Record<string, unknown>;
}

/** The representative point of a GeoJSON geometry; undefined for an empty or unknown one. */
export function representativePoint(geometry: unknown): LngLat | undefined {
  if (typeof geometry !== 'object' || geometry === null) return undefined;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  switch (type) {
    case 'Point':
      return lngLat(coordinates);
    case 'MultiPoint':
    case 'LineString':
      return middle(coordinates);
    case 'MultiLineString':
      return Array.isArray(coordinates) ? middle(coordinates[0]) : undefined;
    case 'Polygon':
      return Array.isArray(coordinates) ? average(coordinates[0]) : undefined;
    case 'MultiPolygon':
      return Array.isArray(coordinates) && Array.isArray(coordinates[0]) ? average(coordinates[0][0]) : undefined;
    default:
      return undefined;
  }
}

/**
 * Reads one feature of a `/tiles/{id}/features` FeatureCollection; undefined when it lacks
 * an id or a usable geometry (it then cannot be listed or reached).
 */
export function placeFeatureFrom(value: unknown, fallbackLayer: string): PlaceFeature | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const f = value as { id?: unknown; layer?: unknown; geometry?: unknown; properties?: unknown };
  if (typeof f.id !== 'number' && typeof f.id !== 'string') return undefined;
  const at = representativePoint(f.geometry);
  if (!at) return undefined;
  const properties = typeof f.properties === 'object' && f.properties !== null ? { ...(f.properties as Record<string, unknown>) } : {};
  return { id: f.id, layer: typeof f.layer === 'string' ? f.layer : fallbackLayer, at, properties };
}

function lngLat(value: unknown): LngLat | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const [lon, lat] = value as unknown[];
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : undefined;
}

function middle(value: unknown): LngLat | undefined {
  return Array.isArray(value) && value.length > 0 ? lngLat(value[Math.floor((value.length - 1) / 2)]) : undefined;
}

function average(ring: unknown): LngLat | undefined {
  if (!Array.isArray(ring)) return undefined;
  const points = ring.map(lngLat).filter((p): p is LngLat => p !== undefined);
  if (points.length === 0) return undefined;
  // A closed ring repeats its first vertex; counting it twice would pull the average towards it.
  const open = points.length > 1 && points[0]![0] === points.at(-1)![0] && points[0]![1] === points.at(-1)![1] ? points.slice(0, -1) : points;
  return [open.reduce((s, p) => s + p[0], 0) / open.length, open.reduce((s, p) => s + p[1], 0) / open.length];
}
