/** Tile geometry resolution: 4096 units per tile side. */
export const EXTENT = 4096;
/** The largest tile, in uncompressed bytes, a build aims for: coarser zooms are thinned to stay under it. */
export const MAX_TILE_BYTES = 500 * 1024;
/**
 * The largest tile a build writes at all. At the max zoom every feature stays, so a tile over {@link MAX_TILE_BYTES}
 * there cannot be thinned: up to this size it is kept and reported (a higher max zoom splits it), beyond it the build
 * is refused. 2 MB raw is still a fraction of a second to decode on a phone.
 */
export const MAX_DENSE_TILE_BYTES = 4 * MAX_TILE_BYTES;
//# sourceMappingURL=tiling_layer.js.map