import { SafeMapError } from '../errors.js';
import { EXTENT, MAX_DENSE_TILE_BYTES, MAX_TILE_BYTES, type EmitLayerTile, type ThinnedTile, type TilingLayer } from './tiling_layer.js';
import { MvtLayerWriter } from './mvt_layer_writer.js';
import { worldX, worldY } from './tile_coords.js';

/**
 * Points of one zoom level: positions in world units of the layer's max zoom, counts, and the smallest feature index
 * of each group (the feature itself when the count is 1). Kept in Morton (quadkey) order of their tiles, so every
 * tile, and every parent tile, is one contiguous run. The max zoom's level holds whole units (each point rounded to
 * its tile unit) and no counts (every one is 1): at a national size it is the largest array set of the build.
 */
interface PointLevel {
  readonly x: Float64Array | Uint32Array;
  readonly y: Float64Array | Uint32Array;
  /** Undefined when every count is 1. */
  readonly count: Uint32Array | undefined;
  readonly first: Uint32Array;
  readonly length: number;
}

export interface PointPyramidOptions {
  /** Side of a clustering cell below the max zoom, in tile units (a power of two dividing 4096). */
  readonly clusterCell: number;
}

/**
 * Tiles a point layer without geojson-vt, zoom by zoom from the max zoom down: every point is projected once to
 * integer world coordinates at the max zoom and sorted by tile in Morton order, so each tile is a contiguous run
 * encoded straight from the feature store. Each lower zoom aggregates the level below on a grid of `clusterCell`
 * units, tile by tile (the four children of a tile are adjacent in Morton order), keeping counts as `point_count`.
 * The max zoom keeps every point.
 */
export class PointPyramid {
  private level: PointLevel | undefined;
  private levelZoom: number;
  private readonly writer: MvtLayerWriter;
  /** Tiles that had to be generalised further to stay under the size cap. */
  readonly thinned: ThinnedTile[] = [];

  constructor(
    private readonly layer: TilingLayer,
    private readonly options: PointPyramidOptions,
  ) {
    this.levelZoom = layer.maxzoom + 1;
    this.writer = new MvtLayerWriter(layer.id, layer.store);
  }

  /** Emits every tile of zoom `z`; calls must go from the layer's max zoom down. Resolves to the number of tiles. */
  async tilesAt(z: number, emit: EmitLayerTile): Promise<number> {
    const maxzoom = this.layer.maxzoom;
    if (z > maxzoom || z < this.layer.minzoom) return 0;
    if (z >= this.levelZoom) throw new Error(`point tiles go from the max zoom down: ${z} after ${this.levelZoom}`);
    while (this.levelZoom > z) {
      this.level = this.level === undefined ? projectAndSort(this.layer, maxzoom) : aggregateLevel(this.level, this.levelZoom - 1, maxzoom, this.options.clusterCell);
      this.levelZoom -= 1;
    }
    const count = await encodeLevel(this.layer, this.writer, this.level!, z, maxzoom, emit, this.options.clusterCell, this.thinned);
    // The lowest zoom is the last use of the level arrays; let them go before the archive is finished.
    if (z === this.layer.minzoom) this.level = undefined;
    return count;
  }
}

/**
 * Every point projected to whole world units of the max zoom and sorted by tile. The sort keys are made and sorted
 * first; once the order is known the keys are spent, and the positions are projected a second time, straight into
 * sorted order, into the keys' own memory (two 32-bit positions take the room of one 64-bit key). At 10,000,000
 * points the keys and the order (120 MB) are all this holds at once; keys, positions and a permutation held together
 * took 210 MB. The sort order becomes `first`.
 */
function projectAndSort(layer: TilingLayer, maxzoom: number): PointLevel {
  const store = layer.store;
  const total = store.length;
  const world = EXTENT * 2 ** maxzoom;
  const tiles = 4 ** maxzoom;
  // Readers reject non-finite positions; a library caller may not have. They sort last, after every tile, and are cut.
  const key = new Float64Array(total);
  let n = 0;
  for (let index = 0; index < total; index++) {
    const lon = store.x[index]!;
    const lat = store.y[index]!;
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
      key[index] = tiles;
      continue;
    }
    key[index] = morton(Math.floor(units(worldX(lon), world) / EXTENT), Math.floor(units(worldY(lat), world) / EXTENT));
    n++;
  }
  const order = sortByKey(key, total, tiles + 1);
  // Whole units fit 32 bits up to zoom 20, in the spent keys' memory; deeper max zooms keep doubles of their own.
  const fits = world <= 2 ** 32;
  const x = fits ? new Uint32Array(key.buffer, 0, n) : new Float64Array(n);
  const y = fits ? new Uint32Array(key.buffer, n * Uint32Array.BYTES_PER_ELEMENT, n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const index = order[i]!;
    x[i] = units(worldX(store.x[index]!), world);
    y[i] = units(worldY(store.y[index]!), world);
  }
  return { x, y, count: undefined, first: order.subarray(0, n), length: n };
}

/**
 * A position in the unit world square as whole units of a world `world` units wide. Rounded, not floored, to the max
 * zoom's tile units: flooring moved every point 0.24 m north-west on average.
 */
function units(unit: number, world: number): number {
  return Math.min(world - 1, Math.max(0, Math.round(unit * world)));
}

/** Interleaves the bits of x and y (x in the odd bits): the Morton code, exact up to 26 bits per axis. */
function morton(x: number, y: number): number {
  return spread(x) * 2 + spread(y);
}

function spread(value: number): number {
  const low = spread16(value % 65536);
  const high = spread16(Math.floor(value / 65536));
  return high * 2 ** 32 + low;
}

function spread16(value: number): number {
  let v = value & 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v >>> 0;
}

/**
 * Indices sorted by key, ties in input order. Packs the index into the key for a native typed-array sort when it
 * fits, which overwrites `key`.
 */
function sortByKey(key: Float64Array, n: number, keySpace: number): Uint32Array {
  const indexSpace = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  const order = new Uint32Array(n);
  if (keySpace * indexSpace <= Number.MAX_SAFE_INTEGER) {
    // The keys are packed with their index in place: the key array is consumed, and no second one is needed.
    for (let i = 0; i < n; i++) key[i] = key[i]! * indexSpace + i;
    key.sort();
    for (let i = 0; i < n; i++) order[i] = key[i]! % indexSpace;
    return order;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => key[a]! - key[b]! || a - b);
}

/**
 * The next lower zoom, written over the level below: each run of one parent tile is aggregated on its own grid, and
 * a run never has more groups than points, so its groups fit where its points were. At 10,000,000 points a separate
 * level for the result held 240 MB beside the one it was made from, the peak of the tiling.
 */
function aggregateLevel(level: PointLevel, z: number, maxzoom: number, cell: number): PointLevel {
  const out: WritableLevel = { x: level.x, y: level.y, count: level.count ?? new Uint32Array(level.length), first: level.first, length: 0 };
  const scratch = new RunScratch(cell);
  let length = 0;
  for (const [start, end, tx, ty] of tileRuns(level, z, maxzoom)) length = aggregateRun(level, start, end, z, maxzoom, cell, tx, ty, out, length, scratch);
  return { x: out.x.subarray(0, length), y: out.y.subarray(0, length), count: out.count.subarray(0, length), first: out.first.subarray(0, length), length };
}

/** A level's arrays being written: by {@link aggregateLevel} over the level itself, or into a new one when thinning. */
interface WritableLevel extends PointLevel {
  readonly count: Uint32Array;
}

/** One run's groups while they are summed: weighted sums need doubles, and a run has at most one group per cell. */
class RunScratch {
  readonly grid: Int32Array;
  readonly sumX: Float64Array;
  readonly sumY: Float64Array;
  readonly count: Float64Array;
  readonly first: Uint32Array;

  constructor(cell: number) {
    const cells = (EXTENT / cell) ** 2;
    this.grid = new Int32Array(cells).fill(-1);
    this.sumX = new Float64Array(cells);
    this.sumY = new Float64Array(cells);
    this.count = new Float64Array(cells);
    this.first = new Uint32Array(cells);
  }
}

/**
 * Groups points of [start, end), all in tile (tx, ty) of zoom z, into `cell`-unit cells, and writes the groups to
 * `out` from `length` on. Every point of the run is read before any group is written, so `out` may be the level itself
 * when `length` ≤ `start`. A group sits at the weighted mean of its points, rounded to whole units of the max zoom: the
 * mean of points inside one cell stays inside that cell, hence inside the same tile.
 */
function aggregateRun(
  level: PointLevel,
  start: number,
  end: number,
  z: number,
  maxzoom: number,
  cell: number,
  tx: number,
  ty: number,
  out: WritableLevel,
  length: number,
  scratch: RunScratch,
): number {
  const cellWorld = cell * 2 ** (maxzoom - z);
  const cellsPerTile = EXTENT / cell;
  const originX = tx * cellsPerTile;
  const originY = ty * cellsPerTile;
  const { grid, sumX, sumY, count, first } = scratch;
  const touched: number[] = [];
  for (let i = start; i < end; i++) {
    const x = level.x[i]!;
    const y = level.y[i]!;
    const c = level.count === undefined ? 1 : level.count[i]!;
    const index = (Math.floor(y / cellWorld) - originY) * cellsPerTile + (Math.floor(x / cellWorld) - originX);
    let group = grid[index]!;
    if (group < 0) {
      group = touched.length;
      grid[index] = group;
      touched.push(index);
      sumX[group] = 0;
      sumY[group] = 0;
      count[group] = 0;
      first[group] = level.first[i]!;
    } else if (level.first[i]! < first[group]!) {
      first[group] = level.first[i]!;
    }
    sumX[group] = sumX[group]! + x * c;
    sumY[group] = sumY[group]! + y * c;
    count[group] = count[group]! + c;
  }
  for (let group = 0; group < touched.length; group++) {
    grid[touched[group]!] = -1;
    const slot = length + group;
    out.x[slot] = Math.round(sumX[group]! / count[group]!);
    out.y[slot] = Math.round(sumY[group]! / count[group]!);
    out.count[slot] = count[group]!;
    out.first[slot] = first[group]!;
  }
  return length + touched.length;
}

/** Each run of consecutive points in the same tile of zoom z: [start, end, tx, ty]. */
function* tileRuns(level: PointLevel, z: number, maxzoom: number): Generator<[number, number, number, number]> {
  const tileWorld = EXTENT * 2 ** (maxzoom - z);
  let start = 0;
  while (start < level.length) {
    const tx = Math.floor(level.x[start]! / tileWorld);
    const ty = Math.floor(level.y[start]! / tileWorld);
    let end = start + 1;
    while (end < level.length && Math.floor(level.x[end]! / tileWorld) === tx && Math.floor(level.y[end]! / tileWorld) === ty) end++;
    yield [start, end, tx, ty];
    start = end;
  }
}

/** Encodes every tile of a level, waiting whenever `emit` asks to; resolves to the number of tiles. */
async function encodeLevel(layer: TilingLayer, writer: MvtLayerWriter, level: PointLevel, z: number, maxzoom: number, emit: EmitLayerTile, clusterCell: number, thinned: ThinnedTile[]): Promise<number> {
  let tiles = 0;
  for (const [start, end, tx, ty] of tileRuns(level, z, maxzoom)) {
    let bytes = encodeRun(writer, level, start, end, z, maxzoom, tx, ty);
    if (z === maxzoom) {
      if (bytes.length > MAX_DENSE_TILE_BYTES) {
        throw new SafeMapError(
          'DATA_INVALID',
          `layer ${layer.id}: tile ${z}/${tx}/${ty} holds ${end - start} points (${bytes.length} bytes, over ${MAX_DENSE_TILE_BYTES}); ` +
            `the max zoom keeps every feature, so raise the max zoom (-z) or publish fewer properties (-y)`,
          { layer: layer.id, z, x: tx, y: ty, bytes: bytes.length },
        );
      }
    } else if (bytes.length > MAX_TILE_BYTES) {
      const before = bytes.length;
      for (let cell = clusterCell * 2; bytes.length > MAX_TILE_BYTES && cell <= EXTENT; cell *= 2) {
        const coarser: WritableLevel = { x: new Float64Array(end - start), y: new Float64Array(end - start), count: new Uint32Array(end - start), first: new Uint32Array(end - start), length: 0 };
        const length = aggregateRun(level, start, end, z, maxzoom, cell, tx, ty, coarser, 0, new RunScratch(cell));
        bytes = encodeRun(writer, coarser, 0, length, z, maxzoom, tx, ty);
      }
      thinned.push({ layer: layer.id, z, x: tx, y: ty, bytesBefore: before, bytesAfter: bytes.length });
    }
    const wait = emit(z, tx, ty, bytes);
    if (wait) await wait;
    tiles++;
  }
  return tiles;
}

function encodeRun(writer: MvtLayerWriter, level: PointLevel, start: number, end: number, z: number, maxzoom: number, tx: number, ty: number): Uint8Array {
  const scale = 2 ** (maxzoom - z);
  for (let i = start; i < end; i++) {
    const x = Math.round(level.x[i]! / scale) - tx * EXTENT;
    const y = Math.round(level.y[i]! / scale) - ty * EXTENT;
    const count = level.count === undefined ? 1 : level.count[i]!;
    const first = level.first[i]!;
    if (count === 1) writer.addFeature(first, x, y);
    else writer.addPoint(x, y, clusterProperties(count));
  }
  return writer.finish();
}

/** The properties supercluster and MapLibre styles expect of a cluster. */
function clusterProperties(count: number): Record<string, string | number | boolean> {
  const abbreviated = count >= 10000 ? `${Math.round(count / 1000)}k` : count >= 1000 ? `${Math.round(count / 100) / 10}k` : count;
  return { cluster: true, point_count: count, point_count_abbreviated: abbreviated };
}
