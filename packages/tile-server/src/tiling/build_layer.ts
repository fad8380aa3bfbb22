import type { Geometry } from 'geojson';

/** A feature ready to be tiled: WGS84 geometry and the properties to publish (already allow-listed). */
export interface BuildFeature {
  readonly geometry: Geometry;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** One MVT layer of a build: its features and the zooms it appears at. */
export interface BuildLayer {
  readonly id: string;
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly features: readonly BuildFeature[];
}

/** Receives one layer's encoded bytes for one tile; layers of the same tile are concatenated later. */
export type EmitLayerTile = (z: number, x: number, y: number, bytes: Uint8Array) => void;

/** A tile whose first encoding was over the size cap and was generalised further. */
export interface ThinnedTile {
  readonly layer: string;
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/** Tile geometry resolution: 4096 units per tile side. */
export const EXTENT = 4096;

/** The largest tile, in uncompressed bytes, a build may write. */
export const MAX_TILE_BYTES = 500 * 1024;

/** True when a layer holds only points, so the purpose-built point path can tile it. */
export function isPointLayer(layer: BuildLayer): boolean {
  return layer.features.every((feature) => feature.geometry.type === 'Point' || feature.geometry.type === 'MultiPoint');
}
