import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { LngLat } from './geo.js';

const HERE_SOURCE = 'safemap-here';
const NEAREST_SOURCE = 'safemap-nearest';
const EARTH_RADIUS_M = 6_371_008.8;

/** The resident's position and accuracy, kept in the page only. */
export interface Fix {
  at: LngLat;
  /** Radius of 68 % confidence, metres, as the Geolocation API reports it. */
  accuracy: number;
}

/**
 * Draws "you are here" (a dot with its accuracy circle) and the nearest shelters (numbered rings) as GeoJSON sources
 * of the page's own map: the position is data in the page, never a request. Re-added after every style load.
 */
export class LocationLayer {
  readonly #map: MapLibreMap;
  #fix: Fix | undefined;
  #nearest: LngLat[] = [];

  constructor(map: MapLibreMap) {
    this.#map = map;
  }

  /** Adds the sources and layers on top of the style; call on every `style.load`. */
  styleLoaded(): void {
    const map = this.#map;
    if (map.getSource(HERE_SOURCE)) return;
    map.addSource(HERE_SOURCE, { type: 'geojson', data: this.#hereData() });
    map.addSource(NEAREST_SOURCE, { type: 'geojson', data: this.#nearestData() });
    map.addLayer({ id: 'safemap-nearest-ring', type: 'circle', source: NEAREST_SOURCE, paint: { 'circle-radius': 17, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#b3261e', 'circle-stroke-width': 4 } });
    map.addLayer({ id: 'safemap-here-accuracy', type: 'fill', source: HERE_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': '#0b57d0', 'fill-opacity': 0.15, 'fill-outline-color': '#0b57d0' } });
    map.addLayer({ id: 'safemap-here-dot', type: 'circle', source: HERE_SOURCE, filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-radius': 9, 'circle-color': '#0b57d0', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 } });
  }

  get fix(): Fix | undefined {
    return this.#fix;
  }

  setFix(fix: Fix | undefined): void {
    this.#fix = fix;
    (this.#map.getSource(HERE_SOURCE) as GeoJSONSource | undefined)?.setData(this.#hereData());
  }

  setNearest(points: readonly LngLat[]): void {
    this.#nearest = [...points];
    (this.#map.getSource(NEAREST_SOURCE) as GeoJSONSource | undefined)?.setData(this.#nearestData());
  }

  #hereData(): FeatureCollection {
    const fix = this.#fix;
    if (!fix) return { type: 'FeatureCollection', features: [] };
    return {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [circle(fix.at, Math.max(fix.accuracy, 5))] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: fix.at } },
      ],
    };
  }

  #nearestData(): FeatureCollection {
    return {
      type: 'FeatureCollection',
      features: this.#nearest.map((at, i) => ({ type: 'Feature', properties: { rank: i + 1 }, geometry: { type: 'Point', coordinates: at } })),
    };
  }
}

/** A ring of 64 points `radius` metres around `centre` (a small-circle approximation, fine below tens of km). */
export function circle(centre: LngLat, radius: number): LngLat[] {
  const [lon, lat] = centre;
  const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.cos((lat * Math.PI) / 180);
  const ring: LngLat[] = [];
  for (let i = 0; i <= 64; i++) {
    const a = (i / 64) * 2 * Math.PI;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return ring;
}
