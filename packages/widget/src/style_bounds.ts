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
 * How far beyond its region (degrees, about 700 km) a map may be moved: far enough to zoom out and see the country
 * around it (about z7 on a desktop screen over Busan), not so far that a resident gets lost over the open world.
 */
export const CONTEXT_DEGREES = 8;

/** `region` widened by `degrees` on every side, within the latitudes a web map shows. */
export function paddedRegion([west, south, east, north]: [number, number, number, number], degrees: number): [number, number, number, number] {
  return [Math.max(-180, west - degrees), Math.max(-85, south - degrees), Math.min(180, east + degrees), Math.min(85, north + degrees)];
}

/**
 * Keeps the map near the region its style declares: a resident can zoom out to see where the region lies, but not
 * wander off across the world; how far out the map zooms follows from the padded region's size on this screen.
 * Returns the region, for the notice shown when the view leaves it.
 */
export function applyStyleBounds(map: MapLibreMap): [number, number, number, number] | undefined {
  const bounds = styleBounds(map.getStyle().metadata);
  if (bounds) map.setMaxBounds(paddedRegion(bounds, CONTEXT_DEGREES) as LngLatBoundsLike);
  return bounds;
}
