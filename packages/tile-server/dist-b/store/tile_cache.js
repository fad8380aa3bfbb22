import { EmptyTiles } from './empty_tiles.js';
/** Marks a tile known to be empty, so repeated requests for blank sea or countryside cost nothing. */
export const EMPTY = Symbol('empty tile');
/**
 * Memory a cached tile keeps alive besides its gzip bytes and its key's characters: the Map entry, the tile object,
 * its ETag string, the Uint8Array and ArrayBuffer objects, V8's backing-store records and malloc's headers. Measured
 * with `node --expose-gc test/helpers/tile_cache_overhead.mjs` (Node 20, x64): about 500 bytes in the V8 heap and
 * 770 to 860 by RSS, which also sees what V8 allocates outside its heap for each ArrayBuffer. Rounded up.
 * test/http/tile_cache_memory.test.ts fails if this figure is ever below what the process really spends.
 */
export const TILE_ENTRY_OVERHEAD = 1024;
/**
 * Least-recently-used cache of encoded tiles across tile sets, bounded by the memory it really keeps alive. Keys are
 * `{tileset}@{version}/{z}/{x}/{y}`. Empty tiles get no entry of their own: each tile set version and zoom has one
 * EmptyTiles set of tile ids, which takes its place in the same LRU order as a single entry.
 */
export class TileCache {
    maxBytes;
    entries = new Map();
    bytes = 0;
    tileBytes = 0;
    tiles = 0;
    /** An empty-tile set may use this share of the budget before it forgets its older half. */
    emptyBudget;
    constructor(maxBytes) {
        this.maxBytes = maxBytes;
        this.emptyBudget = Math.floor(maxBytes / 8);
    }
    static key(tileset, version, z, x, y) {
        return `${tileset}@${version}/${z}/${x}/${y}`;
    }
    get(key) {
        const hit = this.entries.get(key);
        if (hit !== undefined) {
            // Re-insert to mark as most recently used (Map keeps insertion order).
            this.entries.delete(key);
            this.entries.set(key, hit);
            return hit;
        }
        const at = parseKey(key);
        if (!at)
            return undefined;
        const empties = this.entries.get(at.zone);
        if (!empties?.has(at.id))
            return undefined;
        this.entries.delete(at.zone);
        this.entries.set(at.zone, empties);
        return EMPTY;
    }
    set(key, tile) {
        if (tile === EMPTY) {
            this.setEmpty(key);
            return;
        }
        const cost = tileCost(key, tile);
        if (cost > this.maxBytes)
            return;
        this.remove(key);
        this.entries.set(key, tile);
        this.bytes += cost;
        this.tileBytes += tile.gzip.buffer.byteLength;
        this.tiles += 1;
        this.evict();
    }
    get size() {
        return this.entries.size;
    }
    get byteSize() {
        return this.bytes;
    }
    stats() {
        let emptyTiles = 0;
        for (const entry of this.entries.values())
            if (entry instanceof EmptyTiles)
                emptyTiles += entry.size;
        return { bytes: this.bytes, tiles: this.tiles, tileBytes: this.tileBytes, emptyTiles };
    }
    setEmpty(key) {
        const at = parseKey(key);
        if (!at)
            return;
        this.remove(key);
        let empties = this.entries.get(at.zone);
        if (empties) {
            this.entries.delete(at.zone);
            this.bytes -= empties.cost + at.zone.length;
        }
        else {
            empties = new EmptyTiles(this.emptyBudget, at.z);
        }
        empties.add(at.id);
        this.entries.set(at.zone, empties);
        this.bytes += empties.cost + at.zone.length;
        this.evict();
    }
    remove(key) {
        const previous = this.entries.get(key);
        if (previous === undefined)
            return;
        this.entries.delete(key);
        this.forget(key, previous);
    }
    forget(key, entry) {
        if (entry instanceof EmptyTiles) {
            this.bytes -= entry.cost + key.length;
        }
        else {
            this.bytes -= tileCost(key, entry);
            this.tileBytes -= entry.gzip.buffer.byteLength;
            this.tiles -= 1;
        }
    }
    evict() {
        for (const [oldest, entry] of this.entries) {
            if (this.bytes <= this.maxBytes)
                break;
            this.entries.delete(oldest);
            this.forget(oldest, entry);
        }
    }
}
/** What a tile keeps alive: its whole backing ArrayBuffer (not just its view of it), its key and the overhead. */
function tileCost(key, tile) {
    return tile.gzip.buffer.byteLength + key.length + TILE_ENTRY_OVERHEAD;
}
/**
 * The empty-tile set a key belongs to (`{tileset}@{version}/{z}`) and the tile's id within its zoom. Keys that are
 * not `…/z/x/y` with integer coordinates have no set: such a tile simply is not remembered as empty.
 */
function parseKey(key) {
    const ySlash = key.lastIndexOf('/');
    const xSlash = key.lastIndexOf('/', ySlash - 1);
    const zSlash = key.lastIndexOf('/', xSlash - 1);
    if (zSlash <= 0)
        return undefined;
    const z = Number(key.slice(zSlash + 1, xSlash));
    const x = Number(key.slice(xSlash + 1, ySlash));
    const y = Number(key.slice(ySlash + 1));
    if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || z > 26)
        return undefined;
    return { zone: key.slice(0, xSlash), z, id: x * 2 ** z + y };
}
//# sourceMappingURL=tile_cache.js.map