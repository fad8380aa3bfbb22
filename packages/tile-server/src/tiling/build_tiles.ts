import { zxyToTileId } from 'pmtiles';
import { SafeMapError } from '../errors.js';
import { isPointLayer, MAX_TILE_BYTES, type BuildLayer, type ThinnedTile } from './build_layer.js';
import { tilePointLayer } from './point_pyramid.js';
import { tileShapeLayer } from './shape_tiles.js';

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
  readonly featuresPerLayer: Record<string, number>;
}

export interface BuildTilesOptions {
  /** Clustering cell below the max zoom, in tile units of 4096 (a power of two). */
  readonly clusterCell?: number;
  /** Progress of the tiling step: called per layer and zoom with the tiles written. */
  readonly onZoom?: (layer: string, z: number, tiles: number) => void;
}

const DEFAULT_CLUSTER_CELL = 64;

/** Cuts every layer and joins the layers of each tile into one MVT; tiles come back in tile-id order. */
export function buildTiles(layers: readonly BuildLayer[], options: BuildTilesOptions = {}): { tiles: BuiltTile[]; stats: TileStats } {
  const parts = new Map<number, { z: number; x: number; y: number; chunks: Uint8Array[] }>();
  const thinned: ThinnedTile[] = [];
  const featuresPerLayer: Record<string, number> = Object.create(null);
  for (const layer of layers) {
    featuresPerLayer[layer.id] = layer.features.length;
    if (layer.features.length === 0) continue;
    const emit = (z: number, x: number, y: number, bytes: Uint8Array) => {
      const tileId = zxyToTileId(z, x, y);
      const entry = parts.get(tileId);
      if (entry) entry.chunks.push(bytes);
      else parts.set(tileId, { z, x, y, chunks: [bytes] });
    };
    const onZoom = (z: number, tiles: number) => options.onZoom?.(layer.id, z, tiles);
    if (isPointLayer(layer)) thinned.push(...tilePointLayer(layer, emit, { clusterCell: options.clusterCell ?? DEFAULT_CLUSTER_CELL, onZoom }));
    else tileShapeLayer(layer, emit, onZoom);
  }
  const tiles: BuiltTile[] = [];
  const tilesPerZoom: Record<number, number> = {};
  let largest: TileStats['largest'];
  for (const tileId of [...parts.keys()].sort((a, b) => a - b)) {
    const { z, x, y, chunks } = parts.get(tileId)!;
    const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    if (data.length > MAX_TILE_BYTES) {
      throw new SafeMapError('DATA_INVALID', `tile ${z}/${x}/${y} is ${data.length} bytes, over the ${MAX_TILE_BYTES}-byte cap; publish fewer properties (-y) or fewer layers`, { z, x, y, bytes: data.length });
    }
    tiles.push({ z, x, y, tileId, data });
    tilesPerZoom[z] = (tilesPerZoom[z] ?? 0) + 1;
    if (!largest || data.length > largest.bytes) largest = { z, x, y, bytes: data.length };
  }
  return { tiles, stats: { tilesPerZoom, largest, thinned, featuresPerLayer } };
}
