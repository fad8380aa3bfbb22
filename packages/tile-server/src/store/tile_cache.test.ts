import { describe, expect, it } from 'vitest';
import { encodeTile } from './encoded_tile.js';
import { EMPTY, TileCache } from './tile_cache.js';

describe('TileCache', () => {
  it('stays within its byte budget, evicting the least recently used first', () => {
    const tile = encodeTile(new Uint8Array(1000).fill(7));
    const cache = new TileCache(3 * (tile.raw.length + tile.gzip.length + 128));
    cache.set('a', tile);
    cache.set('b', tile);
    cache.set('c', tile);
    expect(cache.get('a')).toBe(tile);
    cache.set('d', tile);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(tile);
    expect(cache.size).toBe(3);
    expect(cache.byteSize).toBeLessThanOrEqual(3 * (tile.raw.length + tile.gzip.length + 128));
  });

  it('remembers empty tiles and skips entries larger than the budget', () => {
    const cache = new TileCache(100);
    cache.set('empty', EMPTY);
    expect(cache.get('empty')).toBe(EMPTY);
    cache.set('big', encodeTile(new Uint8Array(1000)));
    expect(cache.get('big')).toBeUndefined();
  });

  it('keys by tile set, version and coordinates', () => {
    expect(TileCache.key('busan', 'abc', 3, 4, 5)).toBe('busan@abc/3/4/5');
  });
});
