import { SafeMapError } from '../errors.js';
import type { BBox } from '../lookup/feature_lookup.js';

export interface TileCoords {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

const ACROSS = Array.from({ length: 32 }, (_, z) => 2 ** z);

/** Tiles across zoom z, 2^z; up to z31 from a table, since V8 computes `2 ** z` with a call to pow() each time. */
export function tilesAcross(z: number): number {
  return z < ACROSS.length ? ACROSS[z]! : 2 ** z;
}

/**
 * A path segment as a tile index: digits only, no leading zero, at most 10 of them; −1 otherwise. Read by hand, not
 * by pattern and Number(): it runs three times for every tile request.
 */
function segmentIndex(text: string): number {
  const length = text.length;
  if (length === 0 || length > 10 || (length > 1 && text.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Validates z/x/y path segments against a tile set's zoom range. The error never repeats the input,
 * so nothing a client sends is ever reflected back.
 */
export function parseTileCoords(z: string, x: string, y: string, zoomRange: { minzoom: number; maxzoom: number }): TileCoords {
  const coords = { z: segmentIndex(z), x: segmentIndex(x), y: segmentIndex(y) };
  if (coords.z < 0 || coords.x < 0 || coords.y < 0) {
    throw new SafeMapError('TILE_COORDS_INVALID', 'tile coordinates must be non-negative integers without leading zeros');
  }
  if (coords.z < zoomRange.minzoom || coords.z > zoomRange.maxzoom) {
    throw new SafeMapError('TILE_COORDS_INVALID', `zoom must be between ${zoomRange.minzoom} and ${zoomRange.maxzoom} for this tile set`, {
      minzoom: zoomRange.minzoom,
      maxzoom: zoomRange.maxzoom,
    });
  }
  const size = tilesAcross(coords.z);
  if (coords.x >= size || coords.y >= size) {
    throw new SafeMapError('TILE_COORDS_INVALID', `x and y must be below 2^z (${size}) at zoom ${coords.z}`);
  }
  return coords;
}

/** WGS84 bounds of a tile, grown by `buffer` as a fraction of the tile size. */
export function tileBBox({ z, x, y }: TileCoords, buffer = 0): BBox {
  const size = 2 ** z;
  const west = ((x - buffer) / size) * 360 - 180;
  const east = ((x + 1 + buffer) / size) * 360 - 180;
  return [west, tileLat(y + 1 + buffer, size), east, tileLat(y - buffer, size)];
}

function tileLat(y: number, size: number): number {
  const n = Math.PI - (2 * Math.PI * y) / size;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** The latitude where Web Mercator's square world ends. */
const MAX_LATITUDE = 85.0511287798066;

/** Web Mercator x of a longitude in the unit world square (0 at 180° W, 1 at 180° E). */
export function worldX(lon: number): number {
  return (lon + 180) / 360;
}

/** Web Mercator y of a latitude in the unit world square (y down), clamped to the square. */
export function worldY(lat: number): number {
  const sin = Math.sin((Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

/** A WGS84 position in the tile grid of zoom z, in tiles with their fractions (Web Mercator, y down). */
export function positionInTiles(lon: number, lat: number, z: number): { x: number; y: number } {
  const size = 2 ** z;
  return { x: worldX(lon) * size, y: worldY(lat) * size };
}

/** The tile containing a WGS84 position at zoom z. */
export function tileForPosition(lon: number, lat: number, z: number): TileCoords {
  const size = 2 ** z;
  const at = positionInTiles(lon, lat, z);
  return { z, x: Math.min(size - 1, Math.max(0, Math.floor(at.x))), y: Math.min(size - 1, Math.max(0, Math.floor(at.y))) };
}
