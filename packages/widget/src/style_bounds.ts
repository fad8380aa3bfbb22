import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';

/** Style metadata key holding the region a tile set covers, `[west, south, east, north]`. */
export const BOUNDS_METADATA_KEY = 'safemap:bounds';

/** The region a style declares in its metadata, when it is four finite numbers with west < east and south < north. */
export function styleBounds(metadata: unknown): [number, number, number, number] | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const value = (metadata as Record<string, unknown>)[BOUNDS_METADATA_KEY];
  if (!Array.isArray(value) || value.length !== 4 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const [west, south, east, north] = value as [number, number, number, number];
  return west < east && south < north ? [west, south, east, north] : undefined;
}

/**
 * Keeps the map inside the region its style declares: a resident cannot wander off to where there is no data, and
 * how far out the map zooms follows from the region's size on this screen.
 */
export function applyStyleBounds(map: MapLibreMap): void {
  const bounds = styleBounds(map.getStyle().metadata);
  if (bounds) map.setMaxBounds(bounds as LngLatBoundsLike);
}
