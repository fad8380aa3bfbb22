import type { EncodedTile } from './encoded_tile.js';
import { EmptyTiles } from './empty_tiles.js';

/** Marks a tile known to be empty, so repeated requests for blank sea or countryside cost nothing. */
export const EMPTY = Symbol('empty tile');
export type CachedTile = EncodedTile | typeof EMPTY;

/**
 * Memory a cached tile keeps alive besides its gzip bytes and its key's characters: the Map entry, the tile object,
 * its ETag string, the Uint8Array and ArrayBuffer objects, V8's backing-store records and malloc's headers. Measured
 * with `node --expose-gc test/helpers/tile_cache_overhead.mjs` (Node 20, x64): about 500 bytes in the V8 heap and
 * 770 to 860 by RSS, which also sees what V8 allocates outside its heap for each ArrayBuffer. Rounded up.
 * test/http/tile_cache_memory.test.ts fails if this figure is ever below what the process really spends.
 */
export const TILE_ENTRY_OVERHEAD = 1024;

/** Counts and bytes, for operators and for the tests that hold the accounting to real memory. */
export interface TileCacheStats {
  /** Bytes accounted for in all: always at most the limit. */
  readonly bytes: number;
  /** Cached tiles (not counting empty ones). */
  readonly tiles: number;
  /** Bytes of the ArrayBuffers holding cached tiles: what `process.memoryUsage().arrayBuffers` sees of the cache. */
  readonly tileBytes: number;
  /** Tiles remembered as empty, across every tile set version and zoom. */
  readonly emptyTiles: number;
}

type Entry = EncodedTile | EmptyTiles;

/** An entry and whether it was read since eviction last passed it. */
interface Slot {
  readonly entry: Entry;
  used: boolean;
}

/**
 * Cache of encoded tiles across tile sets, bounded by the memory it really keeps alive. Keys are
 * `{tileset}@{version}/{z}/{x}/{y}`. Empty tiles get no entry of their own: each tile set version and zoom has one
 * EmptyTiles set of tile ids, which takes its place in the eviction order as a single entry.
 *
 * Eviction is second-chance (CLOCK), close to least-recently-used: a hit only marks its entry as used, and eviction
 * moves a used entry to the back once instead of dropping it. Moving every hit to the back of the Map, as a strict LRU
 * does, rehashed the key and stored a new key string on every request, about a tenth of cached-tile throughput.
 */
export class TileCache {
  private readonly entries = new Map<string, Slot>();
  private bytes = 0;
  private tileBytes = 0;
  private tiles = 0;
  /** An empty-tile set may use this share of the budget before it forgets its older half. */
  private readonly emptyBudget: number;

  constructor(private readonly maxBytes: number) {
    this.emptyBudget = Math.floor(maxBytes / 8);
  }

  static key(tileset: string, version: string, z: number, x: number, y: number): string {
    return `${tileset}@${version}/${z}/${x}/${y}`;
  }

  get(key: string): CachedTile | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      hit.used = true;
      return hit.entry as EncodedTile;
    }
    const at = parseKey(key);
    if (!at) return undefined;
    const zone = this.entries.get(at.zone);
    if (!(zone?.entry as EmptyTiles | undefined)?.has(at.id)) return undefined;
    zone!.used = true;
    return EMPTY;
  }

  set(key: string, tile: CachedTile): void {
    if (tile === EMPTY) {
      this.setEmpty(key);
      return;
    }
    const cost = tileCost(key, tile);
    if (cost > this.maxBytes) return;
    this.remove(key);
    this.entries.set(key, { entry: tile, used: false });
    this.bytes += cost;
    this.tileBytes += tile.gzip.buffer.byteLength;
    this.tiles += 1;
    this.evict(key);
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  stats(): TileCacheStats {
    let emptyTiles = 0;
    for (const { entry } of this.entries.values()) if (entry instanceof EmptyTiles) emptyTiles += entry.size;
    return { bytes: this.bytes, tiles: this.tiles, tileBytes: this.tileBytes, emptyTiles };
  }

  private setEmpty(key: string): void {
    const at = parseKey(key);
    if (!at) return;
    this.remove(key);
    let empties = this.entries.get(at.zone)?.entry as EmptyTiles | undefined;
    if (empties) {
      this.entries.delete(at.zone);
      this.bytes -= empties.cost + at.zone.length;
    } else {
      empties = new EmptyTiles(this.emptyBudget, at.z);
    }
    empties.add(at.id);
    this.entries.set(at.zone, { entry: empties, used: false });
    this.bytes += empties.cost + at.zone.length;
    this.evict(at.zone);
  }

  private remove(key: string): void {
    const previous = this.entries.get(key);
    if (previous === undefined) return;
    this.entries.delete(key);
    this.forget(key, previous.entry);
  }

  private forget(key: string, entry: Entry): void {
    if (entry instanceof EmptyTiles) {
      this.bytes -= entry.cost + key.length;
    } else {
      this.bytes -= tileCost(key, entry);
      this.tileBytes -= entry.gzip.buffer.byteLength;
      this.tiles -= 1;
    }
  }

  private evict(kept: string): void {
    // A used entry moves to the back unmarked, so the loop meets it again only after every other entry: it ends. The
    // entry just stored (`kept`) is never the one dropped for itself, though nobody has read it yet.
    for (const [oldest, slot] of this.entries) {
      if (this.bytes <= this.maxBytes || this.entries.size <= 1) break;
      this.entries.delete(oldest);
      if (slot.used || oldest === kept) {
        slot.used = false;
        this.entries.set(oldest, slot);
        continue;
      }
      this.forget(oldest, slot.entry);
    }
  }
}

/** What a tile keeps alive: its whole backing ArrayBuffer (not just its view of it), its key and the overhead. */
function tileCost(key: string, tile: EncodedTile): number {
  return tile.gzip.buffer.byteLength + key.length + TILE_ENTRY_OVERHEAD;
}

/**
 * The empty-tile set a key belongs to (`{tileset}@{version}/{z}`) and the tile's id within its zoom. Keys that are
 * not `…/z/x/y` with integer coordinates have no set: such a tile simply is not remembered as empty.
 */
function parseKey(key: string): { zone: string; z: number; id: number } | undefined {
  const ySlash = key.lastIndexOf('/');
  const xSlash = key.lastIndexOf('/', ySlash - 1);
  const zSlash = key.lastIndexOf('/', xSlash - 1);
  if (zSlash <= 0) return undefined;
  const z = Number(key.slice(zSlash + 1, xSlash));
  const x = Number(key.slice(xSlash + 1, ySlash));
  const y = Number(key.slice(ySlash + 1));
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y) || z < 0 || z > 26) return undefined;
  return { zone: key.slice(0, xSlash), z, id: x * 2 ** z + y };
}
