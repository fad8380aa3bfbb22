import { zxyToTileId } from 'pmtiles';
import { SafeMapError } from '../errors.js';
import { concatenate } from '../ingest/feature_store.js';
import { PointPyramid } from './point_pyramid.js';
import { ShapeTiler } from './shape_tiles.js';
import { DENSE_LAYER_FEATURES, MAX_DENSE_TILE_BYTES, MAX_TILE_BYTES, type ThinnedTile, type TilingLayer } from './tiling_layer.js';

/** One encoded tile (all layers), addressed by z/x/y and by its PMTiles tile id (Hilbert order). */
export interface BuiltTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly tileId: number;
  readonly data: Uint8Array;
}

export interface TileStats {
  readonly tilesPerZoom: Record<number, number>;
  readonly largest: { z: number; x: number; y: number; bytes: number } | undefined;
  readonly thinned: readonly ThinnedTile[];
  /** Max-zoom tiles over MAX_TILE_BYTES, kept whole because the max zoom keeps every feature. */
  readonly dense: ReadonlyArray<{ z: number; x: number; y: number; bytes: number }>;
  readonly featuresPerLayer: Record<string, number>;
}

export interface TileOptions {
  /** Clustering cell below a point layer's max zoom, in tile units of 4096 (a power of two); default by density. */
  readonly clusterCell?: number;
}

/**
 * Clustering cells, in tile units: 8 px on a 512 px tile for sparse layers, whose single features (each shelter)
 * matter most, and 16 px for dense ones. A dense layer's cluster is drawn 7 to 12 px across: on the 8 px grid a city
 * zoom of cameras was a carpet of touching dots (2.5 times the features of the 16 px grid over central Busan at z11,
 * and nearly twice the bytes of its tiles on a phone network); on 16 px cells they stay apart and read as counts.
 */
const SPARSE_CLUSTER_CELL = 64;
const DENSE_CLUSTER_CELL = 128;

/**
 * The tiling engine, in order: each layer gets a tiler (points: a clustering pyramid straight from the feature
 * store; lines and polygons: geojson-vt); zoom by zoom from the highest, the layers of each tile are joined into one
 * MVT, capped at {@link MAX_TILE_BYTES}, and handed to `onTile`; `afterZoom` runs (and is awaited) when a zoom is
 * complete. A single layer's tiles are handed over as they are cut, so the consumer can compress while tiling goes on;
 * when `onTile` returns a promise, tiling waits for it.
 */
export async function tileLayers(
  layers: readonly TilingLayer[],
  options: TileOptions,
  onTile: (tile: BuiltTile) => void | Promise<void>,
  afterZoom: (z: number) => Promise<void> = async () => {},
): Promise<TileStats> {
  const tilers = layers
    .filter((layer) => layer.store.length > 0)
    .map((layer) => ({ layer, tiler: layer.store.allPoints ? new PointPyramid(layer, { clusterCell: options.clusterCell ?? clusterCellOf(layer) }) : new ShapeTiler(layer) }));
  const minzoom = Math.min(...layers.map((layer) => layer.minzoom));
  const maxzoom = Math.max(...layers.map((layer) => layer.maxzoom));
  const tilesPerZoom: Record<number, number> = {};
  let largest: TileStats['largest'];
  const dense: Array<{ z: number; x: number; y: number; bytes: number }> = [];
  const accept = (z: number, x: number, y: number, tileId: number, data: Uint8Array) => {
    if (data.length > MAX_TILE_BYTES) {
      const cap = z === maxzoom ? MAX_DENSE_TILE_BYTES : MAX_TILE_BYTES;
      if (data.length > cap) {
        throw new SafeMapError('DATA_INVALID', `tile ${z}/${x}/${y} is ${data.length} bytes, over the ${cap}-byte cap; publish fewer properties (-y) or fewer layers`, { z, x, y, bytes: data.length });
      }
      dense.push({ z, x, y, bytes: data.length });
    }
    if (!largest || data.length > largest.bytes) largest = { z, x, y, bytes: data.length };
    tilesPerZoom[z] = (tilesPerZoom[z] ?? 0) + 1;
    return onTile({ z, x, y, tileId, data });
  };
  for (let z = maxzoom; z >= minzoom; z--) {
    const active = tilers.filter(({ layer }) => z >= layer.minzoom && z <= layer.maxzoom);
    if (active.length === 1) {
      await active[0]!.tiler.tilesAt(z, (_z, x, y, bytes) => accept(z, x, y, zxyToTileId(z, x, y), bytes));
    } else if (active.length > 1) {
      // Several layers: a tile is complete only once every layer has had its say for this zoom.
      const parts = new Map<number, { x: number; y: number; chunks: Uint8Array[] }>();
      for (const { tiler } of active) {
        await tiler.tilesAt(z, (_z, x, y, bytes) => {
          const tileId = zxyToTileId(z, x, y);
          const entry = parts.get(tileId);
          if (entry) entry.chunks.push(bytes);
          else parts.set(tileId, { x, y, chunks: [bytes] });
        });
      }
      for (const tileId of [...parts.keys()].sort((a, b) => a - b)) {
        const { x, y, chunks } = parts.get(tileId)!;
        parts.delete(tileId);
        await accept(z, x, y, tileId, join(chunks));
      }
    }
    await afterZoom(z);
  }
  const featuresPerLayer: Record<string, number> = Object.create(null);
  for (const layer of layers) featuresPerLayer[layer.id] = layer.store.length;
  const thinned = tilers.flatMap(({ tiler }) => (tiler instanceof PointPyramid ? tiler.thinned : []));
  return { tilesPerZoom, largest, thinned, dense, featuresPerLayer };
}

/** One tile of several layers: their layer messages back to back, in a buffer of its own. */
function join(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : concatenate(chunks, (length) => new Uint8Array(length));
}

function clusterCellOf(layer: TilingLayer): number {
  return layer.store.length > DENSE_LAYER_FEATURES ? DENSE_CLUSTER_CELL : SPARSE_CLUSTER_CELL;
}
