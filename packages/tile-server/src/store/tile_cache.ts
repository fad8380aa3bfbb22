import type { EncodedTile } from './encoded_tile.js';

/** Marks a tile known to be empty, so repeated requests for blank sea or countryside cost nothing. */
export const EMPTY = Symbol('empty tile');
export type CachedTile = EncodedTile | typeof EMPTY;

const EMPTY_COST = 64;

/** Least-recently-used tile cache bounded by bytes, keyed by tile set, version and z/x/y. */
export class TileCache {
  private readonly entries = new Map<string, CachedTile>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  static key(tileset: string, version: string, z: number, x: number, y: number): string {
    return `${tileset}@${version}/${z}/${x}/${y}`;
  }

  get(key: string): CachedTile | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, tile: CachedTile): void {
    const cost = costOf(tile);
    if (cost > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.bytes -= costOf(previous);
      this.entries.delete(key);
    }
    this.entries.set(key, tile);
    this.bytes += cost;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= costOf(value);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get byteSize(): number {
    return this.bytes;
  }
}

function costOf(tile: CachedTile): number {
  return tile === EMPTY ? EMPTY_COST : tile.raw.byteLength + tile.gzip.byteLength + 128;
}
