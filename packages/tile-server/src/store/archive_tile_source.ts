import { SafeMapError } from '../errors.js';
import { compressTile, encodedFromGzip, isEmptyGzip, type EncodedTile } from './encoded_tile.js';
import { EMPTY, TileCache, type CachedTile } from './tile_cache.js';
import type { TileSource } from './tile_source.js';
import type { TileCoords } from '../tiling/tile_coords.js';
import { isGzip, type TileArchive } from '../archive/open_archive.js';

/**
 * Answers tiles from an archive (PMTiles, MBTiles or a tile directory). Each tile is read once, then
 * kept in the shared tile cache under this tile set and version; concurrent misses for one tile share one read.
 */
export class ArchiveTileSource implements TileSource {
  private readonly pending = new Map<string, Promise<EncodedTile | undefined>>();
  /** Where this version's tiles are filed in the shared cache; sources of the same version share them. */
  private readonly cacheVersion: string;

  constructor(
    tilesetId: string,
    readonly version: string,
    private readonly archive: TileArchive,
    private readonly cache: TileCache,
    private readonly previous: ReadonlyMap<string, ArchiveTileSource> = new Map(),
  ) {
    this.cacheVersion = TileCache.version(tilesetId, version);
  }

  async getTile(coords: TileCoords): Promise<EncodedTile | undefined> {
    const cached = this.cached(coords);
    if (cached !== undefined) return cached === EMPTY ? undefined : cached;
    const key = `${coords.z}/${coords.x}/${coords.y}`;
    let running = this.pending.get(key);
    if (!running) {
      running = this.read(coords).finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return running;
  }

  cached({ z, x, y }: TileCoords): CachedTile | undefined {
    return this.cache.get(this.cacheVersion, z, x, y);
  }

  previousVersion(version: string): TileSource | undefined {
    return this.previous.get(version);
  }

  async close(): Promise<void> {
    await Promise.all([this.archive.close(), ...[...this.previous.values()].map((source) => source.close())]);
  }

  private async read(coords: TileCoords): Promise<EncodedTile | undefined> {
    let tile: EncodedTile | undefined;
    try {
      const stored = await this.archive.getStoredTile(coords.z, coords.x, coords.y);
      tile = stored ? await encodeStored(stored) : undefined;
    } catch (error) {
      // The archive broke under the server (cut short, overwritten in place): a temporary 503, never a 500, and
      // nothing is cached, so the tile is read again from the next good version.
      throw new SafeMapError('TILESET_UNAVAILABLE', 'this tile set cannot be read right now; try again later', { retryAfter: 30 }, { cause: error });
    }
    this.cache.set(this.cacheVersion, coords.z, coords.x, coords.y, tile ?? EMPTY);
    return tile;
  }
}

/**
 * Archives store tiles gzip-compressed as the build wrote them: those bytes are kept and go out as they are, never
 * inflated or recompressed here. Only a tile stored uncompressed (a tile directory may hold them so) is compressed,
 * once, in the libuv pool.
 */
async function encodeStored(stored: Uint8Array): Promise<EncodedTile | undefined> {
  if (isGzip(stored)) return isEmptyGzip(stored) ? undefined : encodedFromGzip(stored);
  return stored.length > 0 ? compressTile(stored) : undefined;
}
