import { gunzipSync } from 'node:zlib';
import type { RawResponse } from './http_get.js';
import { decodeTile } from './decode_tile.js';

/**
 * The distinct `marker` values of every feature of every layer of a tile response, decoded with
 * @mapbox/vector-tile. Cluster features carry no properties and add nothing.
 */
export function tileMarkers(response: RawResponse, z: number, x: number, y: number): string[] {
  const body = response.headers['content-encoding'] === 'gzip' ? gunzipSync(response.body) : response.body;
  const markers = new Set<string>();
  for (const layer of Object.values(decodeTile(body, z, x, y))) {
    for (const properties of layer.properties) if (properties.marker !== undefined) markers.add(String(properties.marker));
  }
  return [...markers];
}

/** Fills a `{z}/{x}/{y}` template and keeps only the path, as the server's own host may differ from the one asked. */
export function tilePathFrom(template: string, z: number, x: number, y: number): string {
  return new URL(template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y))).pathname;
}
