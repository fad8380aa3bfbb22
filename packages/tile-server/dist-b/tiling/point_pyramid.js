import { SafeMapError } from '../errors.js';
import { EXTENT, MAX_DENSE_TILE_BYTES, MAX_TILE_BYTES } from './tiling_layer.js';
import { MvtLayerWriter } from './mvt_layer_writer.js';
const MAX_LATITUDE = 85.0511287798066;
/**
 * Tiles a point layer without geojson-vt, zoom by zoom from the max zoom down: every point is projected once to
 * integer world coordinates at the max zoom and sorted by tile in Morton order, so each tile is a contiguous run
 * encoded straight from the feature store. Each lower zoom aggregates the level below on a grid of `clusterCell`
 * units, tile by tile (the four children of a tile are adjacent in Morton order), keeping counts as `point_count`.
 * The max zoom keeps every point.
 */
export class PointPyramid {
    layer;
    options;
    level;
    levelZoom;
    writer;
    /** Tiles that had to be generalised further to stay under the size cap. */
    thinned = [];
    constructor(layer, options) {
        this.layer = layer;
        this.options = options;
        this.levelZoom = layer.maxzoom + 1;
        this.writer = new MvtLayerWriter(layer.id, layer.store);
    }
    /** Emits every tile of zoom `z`; calls must go from the layer's max zoom down. Returns the number of tiles. */
    tilesAt(z, emit) {
        const maxzoom = this.layer.maxzoom;
        if (z > maxzoom || z < this.layer.minzoom)
            return 0;
        if (z >= this.levelZoom)
            throw new Error(`point tiles go from the max zoom down: ${z} after ${this.levelZoom}`);
        while (this.levelZoom > z) {
            this.level = this.level === undefined ? projectAndSort(this.layer, maxzoom) : aggregateLevel(this.level, this.levelZoom - 1, maxzoom, this.options.clusterCell);
            this.levelZoom -= 1;
        }
        const count = encodeLevel(this.layer, this.writer, this.level, z, maxzoom, emit, this.options.clusterCell, this.thinned);
        // The lowest zoom is the last use of the level arrays; let them go before the archive is finished.
        if (z === this.layer.minzoom)
            this.level = undefined;
        return count;
    }
}
/**
 * Every point projected to whole world units of the max zoom and sorted by tile. The positions are permuted in place
 * and the sort order becomes `first`, so besides the level itself only the sort keys are held: at 10,000,000 points
 * that is about 200 MB at the peak, where separate projected, keyed and sorted copies took three times as much.
 */
function projectAndSort(layer, maxzoom) {
    const store = layer.store;
    const total = store.length;
    const world = EXTENT * 2 ** maxzoom;
    // Whole units fit 32 bits up to zoom 20; deeper max zooms keep doubles.
    const Units = world <= 2 ** 32 ? Uint32Array : Float64Array;
    const x = new Units(total);
    const y = new Units(total);
    const tiles = 4 ** maxzoom;
    // Readers reject non-finite positions; a library caller may not have. They sort last, after every tile, and are cut.
    const key = new Float64Array(total);
    let n = 0;
    for (let index = 0; index < total; index++) {
        const lon = store.x[index];
        const rawLat = store.y[index];
        if (!Number.isFinite(lon) || !Number.isFinite(rawLat)) {
            key[index] = tiles;
            continue;
        }
        const lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, rawLat));
        const sin = Math.sin((lat * Math.PI) / 180);
        // Rounded, not floored, to the max zoom's tile units: flooring moved every point 0.24 m north-west on average.
        const px = Math.min(world - 1, Math.max(0, Math.round(((lon + 180) / 360) * world)));
        const py = Math.min(world - 1, Math.max(0, Math.round((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world)));
        x[index] = px;
        y[index] = py;
        key[index] = morton(Math.floor(px / EXTENT), Math.floor(py / EXTENT));
        n++;
    }
    const order = sortByKey(key, total, tiles + 1);
    permuteInPlace(x, order);
    permuteInPlace(y, order);
    return { x: x.subarray(0, n), y: y.subarray(0, n), count: undefined, first: order.subarray(0, n), length: n };
}
/** Rearranges `values` so that `values[i]` becomes the old `values[order[i]]`, following the permutation's cycles. */
function permuteInPlace(values, order) {
    const done = new Uint8Array(order.length);
    for (let start = 0; start < order.length; start++) {
        if (done[start])
            continue;
        const saved = values[start];
        let at = start;
        for (;;) {
            done[at] = 1;
            const from = order[at];
            if (from === start) {
                values[at] = saved;
                break;
            }
            values[at] = values[from];
            at = from;
        }
    }
}
/** Interleaves the bits of x and y (x in the odd bits): the Morton code, exact up to 26 bits per axis. */
function morton(x, y) {
    return spread(x) * 2 + spread(y);
}
function spread(value) {
    const low = spread16(value % 65536);
    const high = spread16(Math.floor(value / 65536));
    return high * 2 ** 32 + low;
}
function spread16(value) {
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
function sortByKey(key, n, keySpace) {
    const indexSpace = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
    const order = new Uint32Array(n);
    if (keySpace * indexSpace <= Number.MAX_SAFE_INTEGER) {
        // The keys are packed with their index in place: the key array is consumed, and no second one is needed.
        for (let i = 0; i < n; i++)
            key[i] = key[i] * indexSpace + i;
        key.sort();
        for (let i = 0; i < n; i++)
            order[i] = key[i] % indexSpace;
        return order;
    }
    for (let i = 0; i < n; i++)
        order[i] = i;
    return order.sort((a, b) => key[a] - key[b] || a - b);
}
/** The next lower zoom: each run of one parent tile aggregated on its own grid; the result stays in Morton order. */
function aggregateLevel(level, z, maxzoom, cell) {
    const out = emptyLevel(level.length);
    const grid = new Int32Array((EXTENT / cell) ** 2).fill(-1);
    let length = 0;
    forEachTileRun(level, z, maxzoom, (start, end, tx, ty) => {
        length = aggregateRun(level, start, end, z, maxzoom, cell, tx, ty, out, length, grid);
    });
    return trim(out, length);
}
/** Groups points of [start, end), all in tile (tx, ty) of zoom z, into `cell`-unit cells; appends groups to `out`. */
function aggregateRun(level, start, end, z, maxzoom, cell, tx, ty, out, length, grid) {
    const cellWorld = cell * 2 ** (maxzoom - z);
    const cellsPerTile = EXTENT / cell;
    const originX = tx * cellsPerTile;
    const originY = ty * cellsPerTile;
    const firstSlot = length;
    const touched = [];
    for (let i = start; i < end; i++) {
        const x = level.x[i];
        const y = level.y[i];
        const c = level.count === undefined ? 1 : level.count[i];
        const index = (Math.floor(y / cellWorld) - originY) * cellsPerTile + (Math.floor(x / cellWorld) - originX);
        let slot = grid[index];
        if (slot < 0) {
            slot = length++;
            grid[index] = slot;
            touched.push(index);
            out.x[slot] = 0;
            out.y[slot] = 0;
            out.count[slot] = 0;
            out.first[slot] = level.first[i];
        }
        else if (level.first[i] < out.first[slot]) {
            out.first[slot] = level.first[i];
        }
        out.x[slot] = out.x[slot] + x * c;
        out.y[slot] = out.y[slot] + y * c;
        out.count[slot] = out.count[slot] + c;
    }
    for (const index of touched)
        grid[index] = -1;
    for (let slot = firstSlot; slot < length; slot++) {
        // The weighted mean of points inside one cell stays inside that cell, hence inside the same tile.
        out.x[slot] = out.x[slot] / out.count[slot];
        out.y[slot] = out.y[slot] / out.count[slot];
    }
    return length;
}
/** Calls `visit` for each run of consecutive points in the same tile of zoom z. */
function forEachTileRun(level, z, maxzoom, visit) {
    const tileWorld = EXTENT * 2 ** (maxzoom - z);
    let start = 0;
    while (start < level.length) {
        const tx = Math.floor(level.x[start] / tileWorld);
        const ty = Math.floor(level.y[start] / tileWorld);
        let end = start + 1;
        while (end < level.length && Math.floor(level.x[end] / tileWorld) === tx && Math.floor(level.y[end] / tileWorld) === ty)
            end++;
        visit(start, end, tx, ty);
        start = end;
    }
}
/** Encodes every tile of a level; returns the number of tiles. */
function encodeLevel(layer, writer, level, z, maxzoom, emit, clusterCell, thinned) {
    let tiles = 0;
    forEachTileRun(level, z, maxzoom, (start, end, tx, ty) => {
        let bytes = encodeRun(writer, level, start, end, z, maxzoom, tx, ty);
        if (z === maxzoom) {
            if (bytes.length > MAX_DENSE_TILE_BYTES) {
                throw new SafeMapError('DATA_INVALID', `layer ${layer.id}: tile ${z}/${tx}/${ty} holds ${end - start} points (${bytes.length} bytes, over ${MAX_DENSE_TILE_BYTES}); ` +
                    `the max zoom keeps every feature, so raise the max zoom (-z) or publish fewer properties (-y)`, { layer: layer.id, z, x: tx, y: ty, bytes: bytes.length });
            }
        }
        else if (bytes.length > MAX_TILE_BYTES) {
            const before = bytes.length;
            for (let cell = clusterCell * 2; bytes.length > MAX_TILE_BYTES && cell <= EXTENT; cell *= 2) {
                const coarser = emptyLevel(end - start);
                const length = aggregateRun(level, start, end, z, maxzoom, cell, tx, ty, coarser, 0, new Int32Array((EXTENT / cell) ** 2).fill(-1));
                bytes = encodeRun(writer, trim(coarser, length), 0, length, z, maxzoom, tx, ty);
            }
            thinned.push({ layer: layer.id, z, x: tx, y: ty, bytesBefore: before, bytesAfter: bytes.length });
        }
        emit(z, tx, ty, bytes);
        tiles++;
    });
    return tiles;
}
function encodeRun(writer, level, start, end, z, maxzoom, tx, ty) {
    const scale = 2 ** (maxzoom - z);
    for (let i = start; i < end; i++) {
        const x = Math.round(level.x[i] / scale) - tx * EXTENT;
        const y = Math.round(level.y[i] / scale) - ty * EXTENT;
        const count = level.count === undefined ? 1 : level.count[i];
        const first = level.first[i];
        if (count === 1)
            writer.addFeature(first, x, y);
        else
            writer.addPoint(x, y, clusterProperties(count));
    }
    return writer.finish();
}
function emptyLevel(size) {
    return { x: new Float64Array(size), y: new Float64Array(size), count: new Uint32Array(size), first: new Uint32Array(size), length: 0 };
}
/** The first `length` groups; copied out when they fill well under the room made for them, so the rest is let go. */
function trim(level, length) {
    const cut = (array) => (length < array.length * 0.75 ? array.slice(0, length) : array.subarray(0, length));
    return { x: cut(level.x), y: cut(level.y), count: cut(level.count), first: cut(level.first), length };
}
/** The properties supercluster and MapLibre styles expect of a cluster. */
function clusterProperties(count) {
    const abbreviated = count >= 10000 ? `${Math.round(count / 1000)}k` : count >= 1000 ? `${Math.round(count / 100) / 10}k` : count;
    return { cluster: true, point_count: count, point_count_abbreviated: abbreviated };
}
//# sourceMappingURL=point_pyramid.js.map