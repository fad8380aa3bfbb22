import Database from 'better-sqlite3';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import { writePmtiles } from '../archive/pmtiles_writer.js';
import { SafeMapError } from '../errors.js';
/** Attribution of every OpenStreetMap-derived basemap; ODbL requires it wherever the map is shown. */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors';
/**
 * Copies the tiles of an MBTiles file (as tilemaker writes it) into a PMTiles archive, so the basemap can be served
 * as one static, range-readable file. Tiles stay as they are except for compression: stored gzip bytes are kept and
 * uncompressed ones are gzipped, since a PMTiles archive has one tile compression for all tiles.
 * Bounds come from the tiles at the highest zoom: tilemaker records 0,0,0,0 when the extract has no bbox header.
 */
export async function mbtilesToPmtiles(mbtilesFile, pmtilesFile, options = {}) {
    const db = openMbtiles(mbtilesFile);
    try {
        const meta = new Map(db.prepare('SELECT name, value FROM metadata').all().map((row) => [row.name, row.value]));
        const rows = db.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS row, tile_data AS data FROM tiles').all();
        if (rows.length === 0)
            throw new SafeMapError('SOURCE_INVALID', `${mbtilesFile}: the MBTiles file holds no tiles`);
        const tiles = rows
            // MBTiles rows count from the south (TMS); PMTiles ids use XYZ rows counted from the north.
            .map((tile) => ({ tileId: zxyToTileId(tile.z, tile.x, (1 << tile.z) - 1 - tile.row), data: gzipped(tile.data) }))
            .sort((a, b) => a.tileId - b.tileId);
        const minzoom = Math.min(...rows.map((tile) => tile.z));
        const maxzoom = Math.max(...rows.map((tile) => tile.z));
        const bounds = tileBounds(rows.filter((tile) => tile.z === maxzoom), maxzoom);
        const centerZoom = Math.min(maxzoom, Math.max(minzoom, 13));
        const metadata = {
            name: options.name ?? meta.get('name') ?? 'basemap',
            description: meta.get('description') ?? '',
            attribution: options.attribution ?? meta.get('attribution') ?? OSM_ATTRIBUTION,
            minzoom,
            maxzoom,
            bounds,
            center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, centerZoom],
            vector_layers: vectorLayers(meta.get('json'), mbtilesFile),
            generator: 'safemap basemap',
            generator_options: '',
            sources: [],
        };
        await writePmtiles(pmtilesFile, tiles, metadata);
        return { tiles: tiles.length, minzoom, maxzoom, bounds };
    }
    finally {
        db.close();
    }
}
function openMbtiles(file) {
    try {
        return new Database(file, { readonly: true, fileMustExist: true });
    }
    catch (error) {
        throw new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot open as MBTiles (${error instanceof Error ? error.message : String(error)})`);
    }
}
function gzipped(data) {
    return data[0] === 0x1f && data[1] === 0x8b ? data : gzipSync(data);
}
/** The vector layers of the MBTiles `json` metadata row, which TileJSON readers and GDAL use to list fields. */
function vectorLayers(json, file) {
    if (!json)
        return [];
    try {
        const parsed = JSON.parse(json);
        return Array.isArray(parsed.vector_layers) ? parsed.vector_layers : [];
    }
    catch {
        throw new SafeMapError('SOURCE_INVALID', `${file}: metadata "json" is not valid JSON`);
    }
}
/** [west, south, east, north] of a set of tiles at one zoom, TMS rows. */
function tileBounds(tiles, z) {
    const n = 1 << z;
    const lon = (x) => (x / n) * 360 - 180;
    const lat = (yFromNorth) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * yFromNorth) / n))) * 180) / Math.PI;
    const xs = tiles.map((tile) => tile.x);
    const ys = tiles.map((tile) => n - 1 - tile.row);
    const round = (value) => Math.round(value * 1e6) / 1e6;
    return [round(lon(Math.min(...xs))), round(lat(Math.max(...ys) + 1)), round(lon(Math.max(...xs) + 1)), round(lat(Math.min(...ys)))];
}
//# sourceMappingURL=mbtiles_to_pmtiles.js.map