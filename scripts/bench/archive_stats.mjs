// Reads a finished tile archive with independent readers (the official `pmtiles` reader, better-sqlite3 for MBTiles,
// @mapbox/vector-tile for tiles) and reports what a user would check: how many tiles, the largest one once
// decompressed, and whether every input point is present at the archive's highest zoom.
import { VectorTile } from '@mapbox/vector-tile';
import Database from 'better-sqlite3';
import { open } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import { Compression, PMTiles, SharedPromiseCache, tileIdToZxy } from 'pmtiles';

/**
 * Statistics of the archive at `file` (.pmtiles or .mbtiles); points are counted at its highest zoom.
 * `idOf(properties)` returns a feature's number from 1 to `expected`, or undefined, so features repeated in
 * neighbouring tiles' buffers are counted once.
 */
export async function archiveStats(file, { expected, idOf }) {
  const counted = { zoom: 0, tiles: 0, pointsInExtent: 0, clusters: 0, uniqueIds: 0, expected };
  const stats = { outputBytes: statSync(file).size, tiles: 0, largestTileBytes: 0, largestTile: null, maxZoom: counted };
  const seen = new Uint8Array(expected + 1);
  let zoom = 0;
  const visit = (z, x, y, raw, copies) => {
    stats.tiles += copies;
    if (raw.length > stats.largestTileBytes) {
      stats.largestTileBytes = raw.length;
      stats.largestTile = `${z}/${x}/${y}`;
    }
    if (z !== zoom) return;
    counted.tiles += copies;
    const tile = new VectorTile(new PbfReader(raw));
    for (const layer of Object.values(tile.layers)) {
      for (let i = 0; i < layer.length; i++) {
        const feature = layer.feature(i);
        const pointCount = Number(feature.properties.point_count ?? 1);
        if (feature.properties.point_count !== undefined) counted.clusters += copies;
        // A point inside [0, extent) belongs to this tile; copies in the buffers of the tiles around it do not.
        for (const ring of feature.loadGeometry()) {
          for (const point of ring) {
            if (point.x >= 0 && point.y >= 0 && point.x < layer.extent && point.y < layer.extent) counted.pointsInExtent += pointCount * copies;
          }
        }
        const id = idOf(feature.properties);
        if (id !== undefined && id >= 1 && id <= expected && seen[id] === 0) {
          seen[id] = 1;
          counted.uniqueIds++;
        }
      }
    }
  };
  const setMaxZoom = (value) => {
    zoom = counted.zoom = value;
  };
  if (file.endsWith('.mbtiles')) readMbtiles(file, setMaxZoom, visit);
  else await readPmtiles(file, setMaxZoom, visit);
  return stats;
}

function inflate(bytes) {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

function readMbtiles(file, setMaxZoom, visit) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    setMaxZoom(db.prepare('SELECT MAX(zoom_level) AS z FROM tiles').get().z ?? 0);
    for (const row of db.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS y, tile_data AS data FROM tiles').iterate()) {
      // MBTiles rows count from the south (TMS); name tiles the XYZ way as PMTiles does.
      visit(row.z, row.x, 2 ** row.z - 1 - row.y, inflate(row.data), 1);
    }
  } finally {
    db.close();
  }
}

async function readPmtiles(file, setMaxZoom, visit) {
  const handle = await open(file, 'r');
  try {
    const source = {
      getKey: () => file,
      getBytes: async (offset, length) => {
        const data = Buffer.alloc(length);
        await handle.read(data, 0, length, offset);
        return { data: data.buffer.slice(data.byteOffset, data.byteOffset + length) };
      },
    };
    const decompress = async (buffer, compression) => {
      if (compression === Compression.None || compression === Compression.Unknown) return buffer;
      if (compression !== Compression.Gzip) throw new Error(`${file}: compression ${compression} is not read by this benchmark`);
      const raw = gunzipSync(new Uint8Array(buffer));
      return raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length);
    };
    const cache = new SharedPromiseCache(100, false, decompress);
    const archive = new PMTiles(source, cache, decompress);
    const header = await archive.getHeader();
    setMaxZoom(header.maxZoom);
    const walk = async (offset, length) => {
      for (const entry of await cache.getDirectory(source, offset, length, header)) {
        if (entry.runLength === 0) {
          await walk(header.leafDirectoryOffset + entry.offset, entry.length);
          continue;
        }
        const stored = (await source.getBytes(header.tileDataOffset + entry.offset, entry.length)).data;
        const raw = new Uint8Array(await decompress(stored, header.tileCompression));
        // A run repeats one tile body over consecutive tile ids, which may cross into the next zoom.
        let id = entry.tileId;
        const end = entry.tileId + entry.runLength;
        while (id < end) {
          const [z, x, y] = tileIdToZxy(id);
          const zoomEnd = (4 ** (z + 1) - 1) / 3;
          const copies = Math.min(end, zoomEnd) - id;
          visit(z, x, y, raw, copies);
          id += copies;
        }
      }
    };
    await walk(header.rootDirectoryOffset, header.rootDirectoryLength);
  } finally {
    await handle.close();
  }
}
