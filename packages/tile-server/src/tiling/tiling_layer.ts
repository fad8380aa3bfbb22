import type { FeatureStore } from '../ingest/feature_store.js';

/** One MVT layer of a tile set: its features and the zooms it appears at. */
export interface TilingLayer {
  readonly id: string;
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly store: FeatureStore;
}

/** Receives one layer's encoded bytes for one tile; layers of the same tile are joined later. */
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
