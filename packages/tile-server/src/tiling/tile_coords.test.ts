import { describe, expect, it } from 'vitest';
import { parseTileCoords, tileBBox, tileForPosition } from './tile_coords.js';

const range = { minzoom: 0, maxzoom: 14 };

describe('tile coordinates', () => {
  it('parses valid coordinates', () => {
    expect(parseTileCoords('12', '3516', '1621', range)).toEqual({ z: 12, x: 3516, y: 1621 });
    expect(parseTileCoords('0', '0', '0', range)).toEqual({ z: 0, x: 0, y: 0 });
  });

  it.each([
    ['1.5', '0', '0'],
    ['-1', '0', '0'],
    ['15', '0', '0'],
    ['2', '4', '0'],
    ['2', '0', '4'],
    ['02', '0', '0'],
    ['', '0', '0'],
    ['1e1', '0', '0'],
    ['99999999999', '0', '0'],
  ])('refuses z=%s x=%s y=%s without repeating them', (z, x, y) => {
    expect(() => parseTileCoords(z, x, y, range)).toThrow(expect.objectContaining({ code: 'TILE_COORDS_INVALID' }));
    try {
      parseTileCoords(z, x, y, range);
    } catch (error) {
      if (z.length > 2) expect((error as Error).message).not.toContain(z);
    }
  });

  it('finds the tile of a position and that tile contains it', () => {
    const coords = tileForPosition(129.0403, 35.1028, 14);
    const [west, south, east, north] = tileBBox(coords);
    expect(129.0403).toBeGreaterThanOrEqual(west);
    expect(129.0403).toBeLessThan(east);
    expect(35.1028).toBeGreaterThanOrEqual(south);
    expect(35.1028).toBeLessThan(north);
  });
});
