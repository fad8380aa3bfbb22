import { bearingDegrees, distanceMeters, type LngLat } from './geo.js';
import type { PlaceFeature } from './place_feature.js';

/** A feature with its distance and direction from the resident's point. */
export interface NearbyFeature {
  feature: PlaceFeature;
  /** Metres along the great circle. */
  distance: number;
  /** Degrees clockwise from north, from the point to the feature. */
  bearing: number;
}

/**
 * The `count` features nearest `from`, nearest first (ties by id, so the order is stable).
 * Runs in the browser on features already fetched: the point never leaves the page.
 */
export function nearestFeatures(features: readonly PlaceFeature[], from: LngLat, count = 5): NearbyFeature[] {
  return features
    .map((feature) => ({ feature, distance: distanceMeters(from, feature.at) }))
    .sort((a, b) => a.distance - b.distance || String(a.feature.id).localeCompare(String(b.feature.id)))
    .slice(0, count)
    .map(({ feature, distance }) => ({ feature, distance, bearing: bearingDegrees(from, feature.at) }));
}
