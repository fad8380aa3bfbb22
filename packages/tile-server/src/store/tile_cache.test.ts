import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EMPTY_ID_COST, EmptyTiles } from './empty_tiles.js';
import { compressTile, encodedFromGzip, encodeTile, inflateTile, isEmptyGzip, rawEtag } from './encoded_tile.js';
import { EMPTY, TILE_ENTRY_OVERHEAD, TileCache } from './tile_cache.js';

const V = TileCache.version('busan', 'abc');

describe('TileCache', () => {
  it('stays within its byte budget, evicting an entry nobody read before one that was read', () => {
    const tile = encodeTile(new Uint8Array(1000).fill(7));
    const cost = tile.gzip.byteLength + TILE_ENTRY_OVERHEAD;
    const cache = new TileCache(3 * cost);
    cache.set(V, 14, 1, 0, tile);
    cache.set(V, 14, 2, 0, tile);
    cache.set(V, 14, 3, 0, tile);
    expect(cache.byteSize).toBe(3 * cost);
    expect(cache.get(V, 14, 1, 0)).toBe(tile);
    cache.set(V, 14, 4, 0, tile);
    expect(cache.get(V, 14, 2, 0)).toBeUndefined();
    expect(cache.get(V, 14, 1, 0)).toBe(tile);
    expect(cache.size).toBe(3);
    expect(cache.byteSize).toBe(3 * cost);
  });

  it('gives a read entry one second chance: eviction passes it once, then drops it unless it is read again', () => {
    const tile = encodeTile(new Uint8Array(1000).fill(7));
    const cost = tile.gzip.byteLength + TILE_ENTRY_OVERHEAD;
    const cache = new TileCache(3 * cost);
    for (const x of [1, 2, 3]) cache.set(V, 14, x, 0, tile);
    expect(cache.get(V, 14, 1, 0)).toBe(tile);
    cache.set(V, 14, 4, 0, tile); // passes 1 (read), drops 2
    cache.set(V, 14, 5, 0, tile); // drops 3
    expect([1, 2, 3, 4, 5].map((x) => cache.get(V, 14, x, 0) !== undefined)).toEqual([true, false, false, true, true]);
    // That look-up read 1, 4 and 5 again (in the order 4, 1, 5, since 1 was passed to the back): all three pass once,
    // the new 6 is kept, and 4 goes, first in order.
    cache.set(V, 14, 6, 0, tile);
    expect([1, 4, 5, 6].map((x) => cache.get(V, 14, x, 0) !== undefined)).toEqual([true, false, true, true]);
    expect(cache.byteSize).toBe(3 * cost);
  });

  it('counts the whole buffer a tile keeps alive, and keeps a copy of exactly its bytes', () => {
    const big = new Uint8Array(16384);
    const gz = gzipSync('some tile');
    big.set(gz, 100);
    const view = big.subarray(100, 100 + gz.length);
    const tile = encodedFromGzip(view);
    expect(tile.gzip.buffer).not.toBe(big.buffer);
    expect(tile.gzip.buffer.byteLength).toBe(gz.length);
    const cache = new TileCache(1 << 20);
    cache.set(V, 14, 1, 0, tile);
    expect(cache.stats()).toEqual({ bytes: gz.length + TILE_ENTRY_OVERHEAD, tiles: 1, tileBytes: gz.length, emptyTiles: 0 });
    // A tile handed over as a view still counts for all it holds.
    cache.set(V, 14, 2, 0, { gzip: view, gzipEtag: '"x-gz"' });
    expect(cache.stats().tileBytes).toBe(gz.length + 16384);
  });

  it('remembers empty tiles in one set per tile set version and zoom, and skips entries larger than the budget', () => {
    const cache = new TileCache(100_000);
    for (let x = 0; x < 100; x++) cache.set(V, 14, x, 0, EMPTY);
    cache.set(V, 13, 5, 5, EMPTY);
    cache.set(TileCache.version('busan', 'def'), 14, 5, 5, EMPTY);
    expect(cache.size).toBe(3);
    expect(cache.get(V, 14, 42, 0)).toBe(EMPTY);
    expect(cache.get(V, 14, 42, 1)).toBeUndefined();
    expect(cache.get(V, 13, 5, 5)).toBe(EMPTY);
    expect(cache.get(V, 13, 5, 6)).toBeUndefined();
    expect(cache.get(TileCache.version('other', 'abc'), 14, 42, 0)).toBeUndefined();
    expect(cache.stats().emptyTiles).toBe(102);
    // A hundred empty tiles cost about what a hundred ids in a Set do, not a hundred cache entries.
    expect(cache.byteSize).toBeLessThan(102 * EMPTY_ID_COST + 3 * 400);
    cache.set(V, 14, 9, 9, encodeTile(randomBytes(200_000)));
    expect(cache.get(V, 14, 9, 9)).toBeUndefined();
  });

  it('a tile replaces its empty marker and the other way round, and the accounting follows', () => {
    const cache = new TileCache(1 << 20);
    const tile = encodeTile(new Uint8Array([1, 2, 3]));
    cache.set(V, 14, 1, 0, EMPTY);
    cache.set(V, 14, 1, 0, tile);
    expect(cache.get(V, 14, 1, 0)).toBe(tile);
    cache.set(V, 14, 1, 0, EMPTY);
    expect(cache.get(V, 14, 1, 0)).toBe(EMPTY);
    expect(cache.stats().tiles).toBe(0);
    expect(cache.stats().tileBytes).toBe(0);
  });

  it('evicts empty-tile sets like tiles, by least recent use, and keeps the total within the limit', () => {
    const tile = encodeTile(new Uint8Array(200).fill(3));
    const cache = new TileCache(20_000);
    for (let x = 0; x < 500; x++) cache.set(V, 12, x, 1, EMPTY);
    for (let x = 0; x < 200; x++) cache.set(V, 14, x, 0, tile);
    expect(cache.byteSize).toBeLessThanOrEqual(20_000);
    expect(cache.get(V, 12, 3, 1), 'the empty set was the oldest entry').toBeUndefined();
    expect(cache.get(V, 14, 199, 0)).toBe(tile);
  });

  it('files tiles by tile set version and by z/x/y, at every zoom', () => {
    const cache = new TileCache(1 << 20);
    const tile = encodeTile(new Uint8Array([1, 2, 3]));
    const other = encodeTile(new Uint8Array([4, 5, 6]));
    // The same z/x/y in another version or tile set, and the tiles that share a number of x, y and z, stay apart.
    cache.set(V, 3, 4, 5, tile);
    cache.set(TileCache.version('busan', 'abd'), 3, 4, 5, other);
    expect(cache.get(V, 3, 4, 5)).toBe(tile);
    expect(cache.get(TileCache.version('busan', 'abd'), 3, 4, 5)).toBe(other);
    expect(cache.get(TileCache.version('busa', 'nabc'), 3, 4, 5)).toBeUndefined();
    for (const [z, x, y] of [[3, 5, 4], [2, 4, 5], [4, 4, 5], [0, 0, 0], [1, 0, 1], [1, 1, 0]] as const) expect(cache.get(V, z, x, y)).toBeUndefined();
    // The deepest zoom filed keeps each tile apart too: its numbers are near 2^53.
    const deep = 2 ** 26 - 1;
    cache.set(V, 26, deep, deep, other);
    expect(cache.get(V, 26, deep, deep)).toBe(other);
    expect(cache.get(V, 26, deep - 1, deep)).toBeUndefined();
    expect(cache.get(V, 26, deep, deep - 1)).toBeUndefined();
    // Beyond it nothing is filed, and nothing is found.
    cache.set(V, 27, 1, 1, tile);
    expect(cache.get(V, 27, 1, 1)).toBeUndefined();
    expect(cache.stats().tiles).toBe(3);
  });

  it('forgets a version once its last entry is evicted, and files it again when it comes back', () => {
    const tile = encodeTile(new Uint8Array(1000).fill(7));
    const cost = tile.gzip.byteLength + TILE_ENTRY_OVERHEAD;
    const cache = new TileCache(2 * cost);
    const old = TileCache.version('busan', 'old');
    cache.set(old, 14, 1, 1, tile);
    cache.set(old, 14, 9, 9, EMPTY);
    cache.set(V, 14, 1, 1, tile);
    cache.set(V, 14, 2, 1, tile);
    expect(cache.get(old, 14, 1, 1)).toBeUndefined();
    expect(cache.get(old, 14, 9, 9)).toBeUndefined();
    cache.set(old, 14, 1, 1, tile);
    expect(cache.get(old, 14, 1, 1)).toBe(tile);
    expect(cache.byteSize).toBeLessThanOrEqual(2 * cost);
  });
});

describe('EmptyTiles', () => {
  it('stays within its budget by dropping its older generation, keeping ids asked for again', () => {
    const set = new EmptyTiles(300 * EMPTY_ID_COST, 14);
    for (let id = 0; id < 100; id++) set.add(id);
    for (let id = 1000; id < 1200; id++) {
      set.add(id);
      expect(set.has(7), 'asked for again, so kept').toBe(true);
    }
    expect(set.cost).toBeLessThanOrEqual(300 * EMPTY_ID_COST);
    expect(set.has(8)).toBe(false);
    expect(set.has(1199)).toBe(true);
  });
});

describe('EncodedTile', () => {
  it('derives strong, distinct ETags per representation from the gzip bytes alone', async () => {
    const raw = new Uint8Array([1, 2, 3, 4, 5]);
    const a = encodeTile(raw);
    const b = await compressTile(raw);
    expect(a.gzipEtag).toMatch(/^"[A-Za-z0-9_-]{27}-gz"$/);
    expect(rawEtag(a)).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(rawEtag(a)).not.toBe(a.gzipEtag);
    expect(a.gzipEtag).toBe(encodedFromGzip(a.gzip).gzipEtag);
    expect(encodeTile(new Uint8Array([1, 2, 3, 4, 6])).gzipEtag).not.toBe(a.gzipEtag);
    expect(new Uint8Array(await inflateTile(b))).toEqual(raw);
    expect(new Uint8Array(gunzipSync(a.gzip))).toEqual(raw);
  });

  it('turns bytes that do not inflate into a temporary 503, and tells empty gzip apart without inflating', async () => {
    await expect(inflateTile(encodedFromGzip(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3])))).rejects.toMatchObject({ code: 'TILESET_UNAVAILABLE' });
    expect(isEmptyGzip(gzipSync(new Uint8Array(0)))).toBe(true);
    expect(isEmptyGzip(gzipSync(new Uint8Array([0])))).toBe(false);
    expect(isEmptyGzip(gzipSync(new Uint8Array(4096)))).toBe(false);
  });
});
