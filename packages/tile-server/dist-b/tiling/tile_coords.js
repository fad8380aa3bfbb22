import { SafeMapError } from '../errors.js';
const integer = /^(0|[1-9]\d{0,9})$/;
/**
 * Validates z/x/y path segments against a tile set's zoom range. The error never repeats the input,
 * so nothing a client sends is ever reflected back.
 */
export function parseTileCoords(z, x, y, zoomRange) {
    if (!integer.test(z) || !integer.test(x) || !integer.test(y)) {
        throw new SafeMapError('TILE_COORDS_INVALID', 'tile coordinates must be non-negative integers without leading zeros');
    }
    const coords = { z: Number(z), x: Number(x), y: Number(y) };
    if (coords.z < zoomRange.minzoom || coords.z > zoomRange.maxzoom) {
        throw new SafeMapError('TILE_COORDS_INVALID', `zoom must be between ${zoomRange.minzoom} and ${zoomRange.maxzoom} for this tile set`, {
            minzoom: zoomRange.minzoom,
            maxzoom: zoomRange.maxzoom,
        });
    }
    const size = 2 ** coords.z;
    if (coords.x >= size || coords.y >= size) {
        throw new SafeMapError('TILE_COORDS_INVALID', `x and y must be below 2^z (${size}) at zoom ${coords.z}`);
    }
    return coords;
}
/** WGS84 bounds of a tile, grown by `buffer` as a fraction of the tile size. */
export function tileBBox({ z, x, y }, buffer = 0) {
    const size = 2 ** z;
    const west = ((x - buffer) / size) * 360 - 180;
    const east = ((x + 1 + buffer) / size) * 360 - 180;
    return [west, tileLat(y + 1 + buffer, size), east, tileLat(y - buffer, size)];
}
function tileLat(y, size) {
    const n = Math.PI - (2 * Math.PI * y) / size;
    return (180 / Math.PI) * Math.atan(Math.sinh(n));
}
/** The tile containing a WGS84 position at zoom z. */
export function tileForPosition(lon, lat, z) {
    const size = 2 ** z;
    const x = Math.min(size - 1, Math.max(0, Math.floor(((lon + 180) / 360) * size)));
    const rad = (lat * Math.PI) / 180;
    const y = Math.min(size - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * size)));
    return { z, x, y };
}
//# sourceMappingURL=tile_coords.js.map