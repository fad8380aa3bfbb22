import type { EncodedTile } from './encoded_tile.js';
import { EmptyTiles } from './empty_tiles.js';
import { tilesAcross } from '../tiling/tile_coords.js';

/** Marks a tile known to be empty, so repeated requests for blank sea or countryside cost nothing. */
export const EMPTY = Symbol('empty tile');
export type CachedTile = EncodedTile | typeof EMPTY;

/**
 * Memory a cached tile keeps alive besides its gzip bytes: its slot, its entries in the eviction order and in its
 * version's map, the tile object, its ETag string, the Uint8Array and ArrayBuffer objects, V8's backing-store records
 * and malloc's headers. Measured with `node --expose-gc test/helpers/tile_cache_overhead.mjs` (Node 20, x64): about
 * 540 bytes in the V8 heap and 620 to 710 by RSS, which also sees what V8 allocates outside its heap for each
 * ArrayBuffer. Rounded up.
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

/** An entry, where it is filed, and whether it was read since eviction last passed it. */
interface Slot {
  readonly entry: Entry;
  readonly part: VersionPart;
  /** The tile's index within its version (ZOOM_START[z] + tileId), or for an empty-tile set, −1 − its zoom. */
  readonly index: number;
  used: boolean;
}

/** One tile set version's entries: tiles by index, and per zoom one set of the tiles known to be empty. */
interface VersionPart {
  readonly name: string;
  readonly tiles: Map<number, Slot>;
  readonly empties: (Slot | undefined)[];
}

/**
 * Cache of encoded tiles across tile sets, bounded by the memory it really keeps alive. Entries are filed by tile set
 * version (`TileCache.version(tileset, version)`) and then by a number for z/x/y: a hit is two look-ups of keys that
 * are never built per request (a string key of the whole `tileset@version/z/x/y`, made and hashed on every request,
 * was the largest part of the work this server did for a cached tile). Empty tiles get no entry of their own: each
 * version and zoom has one EmptyTiles set of tile ids, which takes its place in the eviction order as a single entry.
 *
 * Eviction is second-chance (CLOCK), close to least-recently-used: a hit only marks its entry as used, and eviction
 * moves a used entry to the back once instead of dropping it. Moving every hit to the back, as a strict LRU does,
 * cost about a tenth of cached-tile throughput.
 */
export class TileCache {
  /** Every entry, oldest first: the eviction order. */
  private readonly order = new Set<Slot>();
  private readonly parts = new Map<string, VersionPart>();
  private bytes = 0;
  private tileBytes = 0;
  private tiles = 0;
  /** An empty-tile set may use this share of the budget before it forgets its older half. */
  private readonly emptyBudget: number;

  constructor(private readonly maxBytes: number) {
    this.emptyBudget = Math.floor(maxBytes / 8);
  }

  /** The name entries of one tile set version are filed under; made once per version, not per request. */
  static version(tileset: string, version: string): string {
    return `${tileset}@${version}`;
  }

  get(version: string, z: number, x: number, y: number): CachedTile | undefined {
    const part = this.parts.get(version);
    if (part === undefined) return undefined;
    const id = tileId(z, x, y);
    const hit = part.tiles.get(ZOOM_START[z]! + id);
    if (hit !== undefined) {
      hit.used = true;
      return hit.entry as EncodedTile;
    }
    const empties = part.empties[z];
    if (empties === undefined || !(empties.entry as EmptyTiles).has(id)) return undefined;
    empties.used = true;
    return EMPTY;
  }

  set(version: string, z: number, x: number, y: number, tile: CachedTile): void {
    if (!(z >= 0 && z <= MAX_ZOOM)) return;
    if (tile === EMPTY) {
      this.setEmpty(version, z, tileId(z, x, y));
      return;
    }
    const cost = tileCost(tile);
    if (cost > this.maxBytes) return;
    const part = this.part(version);
    const index = ZOOM_START[z]! + tileId(z, x, y);
    const previous = part.tiles.get(index);
    if (previous !== undefined) this.remove(previous);
    const slot: Slot = { entry: tile, part, index, used: false };
    part.tiles.set(index, slot);
    this.order.add(slot);
    this.bytes += cost;
    this.tileBytes += tile.gzip.buffer.byteLength;
    this.tiles += 1;
    this.evict(slot);
  }

  /** Entries: tiles, and one per empty-tile set. */
  get size(): number {
    return this.order.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  stats(): TileCacheStats {
    let emptyTiles = 0;
    for (const { entry } of this.order) if (entry instanceof EmptyTiles) emptyTiles += entry.size;
    return { bytes: this.bytes, tiles: this.tiles, tileBytes: this.tileBytes, emptyTiles };
  }

  private part(version: string): VersionPart {
    let part = this.parts.get(version);
    if (part === undefined) this.parts.set(version, (part = { name: version, tiles: new Map(), empties: [] }));
    return part;
  }

  private setEmpty(version: string, z: number, id: number): void {
    const part = this.part(version);
    const tile = part.tiles.get(ZOOM_START[z]! + id);
    if (tile !== undefined) this.remove(tile);
    let slot = part.empties[z];
    let empties: EmptyTiles;
    if (slot !== undefined) {
      empties = slot.entry as EmptyTiles;
      this.bytes -= empties.cost;
      // Moved to the back, as a new entry would be.
      this.order.delete(slot);
      slot.used = false;
    } else {
      empties = new EmptyTiles(this.emptyBudget, z);
      slot = part.empties[z] = { entry: empties, part, index: -1 - z, used: false };
    }
    empties.add(id);
    this.order.add(slot);
    this.bytes += empties.cost;
    this.evict(slot);
  }

  /** Drops an entry from the order, from its version, and from the accounting. */
  private remove(slot: Slot): void {
    this.order.delete(slot);
    const { part, entry } = slot;
    if (entry instanceof EmptyTiles) {
      part.empties[-1 - slot.index] = undefined;
      this.bytes -= entry.cost;
    } else {
      part.tiles.delete(slot.index);
      this.bytes -= tileCost(entry);
      this.tileBytes -= entry.gzip.buffer.byteLength;
      this.tiles -= 1;
    }
    if (part.tiles.size === 0 && part.empties.every((empty) => empty === undefined)) this.parts.delete(part.name);
  }

  private evict(kept: Slot): void {
    // A used entry moves to the back unmarked, so the loop meets it again only after every other entry: it ends. The
    // entry just stored (`kept`) is never the one dropped for itself, though nobody has read it yet.
    for (const slot of this.order) {
      if (this.bytes <= this.maxBytes || this.order.size <= 1) break;
      if (slot.used || slot === kept) {
        this.order.delete(slot);
        slot.used = false;
        this.order.add(slot);
        continue;
      }
      this.remove(slot);
    }
  }
}

/** Zooms the cache files: tile indexes stay exact integers (below 2^53) up to here. */
const MAX_ZOOM = 26;

/** Where each zoom's indexes start: the tiles of all the zooms above it, (4^z − 1) / 3. */
const ZOOM_START = Array.from({ length: MAX_ZOOM + 1 }, (_, z) => (4 ** z - 1) / 3);

/**
 * A tile's number within its zoom, x · 2^z + y: the id its zoom's empty-tile set knows it by. Offset by ZOOM_START[z],
 * it is the tile's index in its version, unique across zooms; up to z15 that fits in a small integer, which V8 hashes
 * and compares without touching the heap.
 */
function tileId(z: number, x: number, y: number): number {
  return x * tilesAcross(z) + y;
}

/** What a tile keeps alive: its whole backing ArrayBuffer (not just its view of it) and the overhead. */
function tileCost(tile: EncodedTile): number {
  return tile.gzip.buffer.byteLength + TILE_ENTRY_OVERHEAD;
}
