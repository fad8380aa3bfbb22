import { gzipSync } from 'node:zlib';
/**
 * Gzips one tile. Fixed options, no timestamp: the same bytes always give the same output. memLevel 9 is about twice
 * as fast as the default for tile-sized inputs, where setting up the compressor costs more than compressing.
 */
export function gzipTile(tile) {
    // A copy of exact size: zlib's output can be a view into a much larger buffer, which tiles must not pin.
    return new Uint8Array(gzipSync(tile, { level: 6, memLevel: 9 }));
}
//# sourceMappingURL=gzip_tile.js.map