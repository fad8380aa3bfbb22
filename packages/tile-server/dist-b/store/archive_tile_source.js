import { SafeMapError } from '../errors.js';
import { compressTile, encodedFromGzip, isEmptyGzip } from './encoded_tile.js';
import { EMPTY, TileCache } from './tile_cache.js';
import { isGzip } from '../archive/open_archive.js';
/**
 * Answers tiles from an archive (PMTiles, MBTiles or a tile directory). Each tile is read once, then
 * kept in the shared tile cache under this tile set and version; concurrent misses for one tile share one read.
 */
export class ArchiveTileSource {
    tilesetId;
    version;
    archive;
    cache;
    previous;
    pending = new Map();
    constructor(tilesetId, version, archive, cache, previous = new Map()) {
        this.tilesetId = tilesetId;
        this.version = version;
        this.archive = archive;
        this.cache = cache;
        this.previous = previous;
    }
    async getTile(coords) {
        const key = TileCache.key(this.tilesetId, this.version, coords.z, coords.x, coords.y);
        const cached = this.cache.get(key);
        if (cached !== undefined)
            return cached === EMPTY ? undefined : cached;
        let running = this.pending.get(key);
        if (!running) {
            running = this.read(coords, key).finally(() => this.pending.delete(key));
            this.pending.set(key, running);
        }
        return running;
    }
    cached(coords) {
        return this.cache.get(TileCache.key(this.tilesetId, this.version, coords.z, coords.x, coords.y));
    }
    previousVersion(version) {
        return this.previous.get(version);
    }
    async close() {
        await Promise.all([this.archive.close(), ...[...this.previous.values()].map((source) => source.close())]);
    }
    async read(coords, key) {
        let tile;
        try {
            const stored = await this.archive.getStoredTile(coords.z, coords.x, coords.y);
            tile = stored ? await encodeStored(stored) : undefined;
        }
        catch (error) {
            // The archive broke under the server (cut short, overwritten in place): a temporary 503, never a 500, and
            // nothing is cached, so the tile is read again from the next good version.
            throw new SafeMapError('TILESET_UNAVAILABLE', 'this tile set cannot be read right now; try again later', { retryAfter: 30 }, { cause: error });
        }
        this.cache.set(key, tile ?? EMPTY);
        return tile;
    }
}
/**
 * Archives store tiles gzip-compressed as the build wrote them: those bytes are kept and go out as they are, never
 * inflated or recompressed here. Only a tile stored uncompressed (a tile directory may hold them so) is compressed,
 * once, in the libuv pool.
 */
async function encodeStored(stored) {
    if (isGzip(stored))
        return isEmptyGzip(stored) ? undefined : encodedFromGzip(stored);
    return stored.length > 0 ? compressTile(stored) : undefined;
}
//# sourceMappingURL=archive_tile_source.js.map