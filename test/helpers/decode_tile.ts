import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature } from 'geojson';

export interface DecodedLayer {
  extent: number;
  features: Feature[];
  /** Raw property maps as stored in the tile. */
  properties: Array<Record<string, unknown>>;
}

/** Decodes an MVT with @mapbox/vector-tile into GeoJSON features per layer (WGS84). */
export function decodeTile(bytes: Uint8Array, z: number, x: number, y: number): Record<string, DecodedLayer> {
  const tile = new VectorTile(new PbfReader(bytes));
  const out: Record<string, DecodedLayer> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: Feature[] = [];
    const properties: Array<Record<string, unknown>> = [];
    for (let i = 0; i < layer.length; i++) {
      const feature = layer.feature(i);
      features.push(feature.toGeoJSON(x, y, z) as Feature);
      properties.push({ ...feature.properties });
    }
    out[name] = { extent: layer.extent, features, properties };
  }
  return out;
}

/** Size in degrees of one tile pixel (of 256 per tile side) at zoom z, in longitude. */
export function pixelDegrees(z: number): number {
  return 360 / 2 ** z / 256;
}
