import { zxyToTileId } from 'pmtiles';
import { SafeMapError } from '../errors.js';
import { PointPyramid } from './point_pyramid.js';
import { ShapeTiler } from './shape_tiles.js';
import { MAX_DENSE_TILE_BYTES, MAX_TILE_BYTES } from './tiling_layer.js';
const DEFAULT_CLUSTER_CELL = 64;
/**
 * The tiling engine, in order: each layer gets a tiler (points: a clustering pyramid straight from the feature
 * store; lines and polygons: geojson-vt); zoom by zoom from the highest, the layers of each tile are joined into one
 * MVT, capped at {@link MAX_TILE_BYTES}, and handed to `onTile`; `afterZoom` runs (and is awaited) when a zoom is
 * complete. A single layer's tiles are handed over as they are cut, so the consumer can compress while tiling goes on.
 */
export async function tileLayers(layers, options, onTile, afterZoom = async () => { }) {
    const tilers = layers
        .filter((layer) => layer.store.length > 0)
        .map((layer) => ({ layer, tiler: layer.store.allPoints ? new PointPyramid(layer, { clusterCell: options.clusterCell ?? DEFAULT_CLUSTER_CELL }) : new ShapeTiler(layer) }));
    const minzoom = Math.min(...layers.map((layer) => layer.minzoom));
    const maxzoom = Math.max(...layers.map((layer) => layer.maxzoom));
    const tilesPerZoom = {};
    let largest;
    const dense = [];
    const accept = (z, x, y, tileId, data) => {
        if (data.length > MAX_TILE_BYTES) {
            const cap = z === maxzoom ? MAX_DENSE_TILE_BYTES : MAX_TILE_BYTES;
            if (data.length > cap) {
                throw new SafeMapError('DATA_INVALID', `tile ${z}/${x}/${y} is ${data.length} bytes, over the ${cap}-byte cap; publish fewer properties (-y) or fewer layers`, { z, x, y, bytes: data.length });
            }
            dense.push({ z, x, y, bytes: data.length });
        }
        if (!largest || data.length > largest.bytes)
            largest = { z, x, y, bytes: data.length };
        tilesPerZoom[z] = (tilesPerZoom[z] ?? 0) + 1;
        onTile({ z, x, y, tileId, data });
    };
    for (let z = maxzoom; z >= minzoom; z--) {
        const active = tilers.filter(({ layer }) => z >= layer.minzoom && z <= layer.maxzoom);
        if (active.length === 1) {
            active[0].tiler.tilesAt(z, (_z, x, y, bytes) => accept(z, x, y, zxyToTileId(z, x, y), bytes));
        }
        else if (active.length > 1) {
            // Several layers: a tile is complete only once every layer has had its say for this zoom.
            const parts = new Map();
            for (const { tiler } of active) {
                tiler.tilesAt(z, (_z, x, y, bytes) => {
                    const tileId = zxyToTileId(z, x, y);
                    const entry = parts.get(tileId);
                    if (entry)
                        entry.chunks.push(bytes);
                    else
                        parts.set(tileId, { x, y, chunks: [bytes] });
                });
            }
            for (const tileId of [...parts.keys()].sort((a, b) => a - b)) {
                const { x, y, chunks } = parts.get(tileId);
                parts.delete(tileId);
                accept(z, x, y, tileId, join(chunks));
            }
        }
        await afterZoom(z);
    }
    const featuresPerLayer = Object.create(null);
    for (const layer of layers)
        featuresPerLayer[layer.id] = layer.store.length;
    const thinned = tilers.flatMap(({ tiler }) => (tiler instanceof PointPyramid ? tiler.thinned : []));
    return { tilesPerZoom, largest, thinned, dense, featuresPerLayer };
}
/** One tile of several layers: their layer messages back to back, in a buffer of its own. */
function join(chunks) {
    if (chunks.length === 1)
        return chunks[0];
    const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
    let offset = 0;
    for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.length;
    }
    return out;
}
//# sourceMappingURL=tile_layers.js.map