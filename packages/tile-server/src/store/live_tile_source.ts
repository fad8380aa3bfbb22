import type { FeatureIndex } from '../spatial/feature_index.js';
import type { TileCutter } from '../tiling/tile_cutter.js';
import { tileBBox, type TileCoords } from '../tiling/tile_coords.js';
import { encodeTile, type EncodedTile } from './encoded_tile.js';
import { EMPTY, TileCache, type CachedTile } from './tile_cache.js';
import type { TileSource } from './tile_source.js';

/** Fraction of a tile searched beyond its edges, matching the slicer's 64/4096 buffer with margin for symbols. */
const SEARCH_BUFFER = 1 / 32;

/** Cuts tiles from in-memory features on first request and keeps the encoded bytes in a shared cache. */
export class LiveTileSource implements TileSource {
  private readonly layerIds: ReadonlySet<string>;

  constructor(
    private readonly tilesetId: string,
    readonly version: string,
    private readonly index: FeatureIndex,
    private readonly cutter: TileCutter,
    private readonly cache: TileCache,
    layerIds: readonly string[],
  ) {
    this.layerIds = new Set(layerIds);
  }

  async getTile(coords: TileCoords): Promise<EncodedTile | undefined> {
    const key = TileCache.key(this.tilesetId, this.version, coords.z, coords.x, coords.y);
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached === EMPTY ? undefined : cached;
    // The R-tree answers "nothing here" before the slicer, which would otherwise keep every empty tile it visits.
    const bytes = this.index.intersects(tileBBox(coords, SEARCH_BUFFER), this.layerIds) ? this.cutter.cut(coords) : undefined;
    const tile = bytes ? encodeTile(bytes) : undefined;
    this.cache.set(key, tile ?? EMPTY);
    return tile;
  }

  cached(coords: TileCoords): CachedTile | undefined {
    return this.cache.get(TileCache.key(this.tilesetId, this.version, coords.z, coords.x, coords.y));
  }

  async close(): Promise<void> {}
}
