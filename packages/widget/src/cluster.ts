import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import type { LngLat } from './geo.js';
import { moveMap } from './map_motion.js';

/** Most zoom steps taken to split one cluster; past it, the points share a place and stay one marker. */
const MAX_STEPS = 6;

/** True when a feature's properties say it stands for several points (`cluster: true` from the tiler). */
export function isCluster(properties: Readonly<Record<string, unknown>>): boolean {
  return properties.cluster === true || properties.cluster === 'true';
}

/** How many features a feature stands for: its `point_count` when it is a cluster, else 1. */
export function featureCount(properties: Readonly<Record<string, unknown>>): number {
  if (!isCluster(properties)) return 1;
  const count = Number(properties.point_count);
  return Number.isInteger(count) && count > 0 ? count : 1;
}

/** Keys the tiler adds to clusters, never shown as feature properties. */
export const CLUSTER_KEYS: ReadonlySet<string> = new Set(['cluster', 'point_count', 'point_count_abbreviated']);

/**
 * Zooms towards a cluster until it breaks apart: one zoom level at a time, centred on it, checking after each step
 * whether a cluster of the same layer still covers that spot. Stops at the layer's highest zoom, where every point is
 * drawn on its own. Resolves with whether a cluster remains (points at one address).
 */
export async function zoomIntoCluster(map: MapLibreMap, at: LngLat, styleLayerIds: readonly string[], maxZoom: number): Promise<boolean> {
  for (let step = 0; step < MAX_STEPS; step++) {
    const zoom = Math.min(maxZoom, Math.floor(map.getZoom()) + (step === 0 ? 2 : 1));
    if (zoom <= map.getZoom()) return clusterAt(map, at, styleLayerIds) !== undefined;
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      moveMap(map, { center: at, zoom });
    });
    if (!clusterAt(map, at, styleLayerIds)) return false;
  }
  return true;
}

/** The cluster drawn nearest `at`, within a finger's width. */
export function clusterAt(map: MapLibreMap, at: LngLat, styleLayerIds: readonly string[]): MapGeoJSONFeature | undefined {
  const p = map.project(at);
  const r = 12;
  return map
    .queryRenderedFeatures([[p.x - r, p.y - r], [p.x + r, p.y + r]], { layers: [...styleLayerIds] })
    .find((f) => isCluster(f.properties));
}
