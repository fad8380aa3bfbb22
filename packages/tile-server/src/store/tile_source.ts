import type { TileCoords } from '../tile/tile_coords.js';
import type { EncodedTile } from './encoded_tile.js';

/** Anything that can answer z/x/y with tile bytes: live slicing today, archives later. */
export interface TileSource {
  /** Changes whenever the tiles' content may change; tile URLs and cache keys carry it. */
  readonly version: string;
  /** The tile, or undefined when it is empty. */
  getTile(coords: TileCoords): Promise<EncodedTile | undefined>;
  /** An earlier version still kept on disk, for clients holding its TileJSON; undefined when it is gone. */
  previousVersion?(version: string): TileSource | undefined;
  close(): Promise<void>;
}
