import type { FeatureStore } from '../ingest/feature_store.js';

/** One MVT layer of a tile set: its features and the zooms it appears at. */
export interface TilingLayer {
  readonly id: string;
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly store: FeatureStore;
}

/**
 * Receives one layer's encoded bytes for one tile; layers of the same tile are joined later. A promise asks the tiler
 * to wait: a national zoom is tens of thousands of tiles, more than should be held at once.
 */
export type EmitLayerTile = (z: number, x: number, y: number, bytes: Uint8Array) => void | Promise<void>;

/** A tile whose first encoding was over the size cap and was generalised further. */
export interface ThinnedTile {
  readonly layer: string;
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly bytesBefore: number;
  readonly bytesAfter: number;
}

/**
 * A layer with more features than this is dense (cameras, street lights): it is clustered on a coarser grid, drawn
 * paler and under the sparse layers (shelters), and its icons never push a name or a shelter off the map.
 */
export const DENSE_LAYER_FEATURES = 2000;

/** Tile geometry resolution: 4096 units per tile side. */
export const EXTENT = 4096;

/** The largest tile, in uncompressed bytes, a build aims for: coarser zooms are thinned to stay under it. */
export const MAX_TILE_BYTES = 500 * 1024;

/**
 * The largest tile a build writes at all. At the max zoom every feature stays, so a tile over {@link MAX_TILE_BYTES}
 * there cannot be thinned: up to this size it is kept and reported (a higher max zoom splits it), beyond it the build
 * is refused. 2 MB raw is still a fraction of a second to decode on a phone.
 */
export const MAX_DENSE_TILE_BYTES = 4 * MAX_TILE_BYTES;
