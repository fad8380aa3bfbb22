import { rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import type { ArchiveMetadata, SourceRecord, VectorLayerInfo } from '../archive/archive_metadata.js';
import { generatorName } from '../archive/archive_metadata.js';
import { DirectoryWriter } from '../archive/directory_writer.js';
import { MbtilesWriter } from '../archive/mbtiles_writer.js';
import { openArchive, type ArchiveFormat } from '../archive/open_archive.js';
import { PmtilesWriter } from '../archive/pmtiles_writer.js';
import { SafeMapError } from '../errors.js';
import { checkTileDecodes } from './check_tile.js';
import { CompressPool } from './compress_pool.js';
import { PointPyramid } from './point_pyramid.js';
import type { Progress } from './progress.js';
import { ShapeTiler } from './shape_tiles.js';
import { MAX_TILE_BYTES, type ThinnedTile, type TilingLayer } from './tiling_layer.js';

/** What a build records about itself besides the tiles; never the clock, so the same input gives the same bytes. */
export interface ArchiveDescription {
  readonly name: string;
  readonly description?: string;
  readonly attribution?: string;
  readonly generatorOptions: string;
  readonly sources: readonly SourceRecord[];
  /** Declared region; otherwise the features' bounding box. */
  readonly bounds?: readonly [number, number, number, number];
  readonly center?: readonly [number, number, number];
  /** Published property types per layer (the allow-list); otherwise the types seen in the data. */
  readonly fields?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly configHash?: string;
}

export interface TileStats {
  readonly tilesPerZoom: Record<number, number>;
  readonly largest: { z: number; x: number; y: number; bytes: number } | undefined;
  readonly thinned: readonly ThinnedTile[];
  readonly featuresPerLayer: Record<string, number>;
}

export interface ArchiveBuildResult extends TileStats {
  readonly tiles: number;
  readonly bytes: number;
  readonly metadata: ArchiveMetadata;
}

export interface BuildOptions {
  /** Clustering cell below a point layer's max zoom, in tile units of 4096 (a power of two). */
  readonly clusterCell?: number;
}

const DEFAULT_CLUSTER_CELL = 64;
/** Tiles read back after writing, evenly spread, to prove the archive opens and answers with what was written. */
const VERIFY_SAMPLE = 4096;

/**
 * The tiling engine, in order: each layer gets a tiler (points: a clustering pyramid from the feature store; lines
 * and polygons: geojson-vt); zoom by zoom from the highest, the layers of each tile are joined into one MVT, checked
 * to decode and gzipped in worker threads, and written to the archive as they come — only one zoom's tiles are ever
 * in memory. The archive is read back before returning. `file` should be a staging path: on failure it is removed,
 * and moving it into place is the caller's atomic step.
 */
export async function buildArchive(
  layers: readonly TilingLayer[],
  file: string,
  format: ArchiveFormat,
  description: ArchiveDescription,
  progress: Progress,
  options: BuildOptions = {},
): Promise<ArchiveBuildResult> {
  const minzoom = Math.min(...layers.map((layer) => layer.minzoom));
  const maxzoom = Math.max(...layers.map((layer) => layer.maxzoom));
  const metadata = describe(layers, description, minzoom, maxzoom);
  const tilers = layers
    .filter((layer) => layer.store.length > 0)
    .map((layer) => ({ layer, tiler: layer.store.allPoints ? new PointPyramid(layer, { clusterCell: options.clusterCell ?? DEFAULT_CLUSTER_CELL }) : new ShapeTiler(layer) }));
  const sink = await openSink(file, format);
  const where: Array<[number, number, number]> = [];
  const pool = new CompressPool(format !== 'directory', (index) => where[index]?.join('/') ?? String(index));
  const tilesPerZoom: Record<number, number> = {};
  const sample: Array<[number, number, number]> = [];
  let largest: TileStats['largest'];
  let written = 0;
  const tiling = progress.step('tiles', maxzoom - minzoom + 1);
  try {
    for (let z = maxzoom; z >= minzoom; z--) {
      const parts = new Map<number, { x: number; y: number; chunks: Uint8Array[] }>();
      for (const { tiler } of tilers) {
        tiler.tilesAt(z, (_z, x, y, bytes) => {
          const tileId = zxyToTileId(z, x, y);
          const entry = parts.get(tileId);
          if (entry) entry.chunks.push(bytes);
          else parts.set(tileId, { x, y, chunks: [bytes] });
        });
      }
      const ids = [...parts.keys()].sort((a, b) => a - b);
      const inFlight: Array<Promise<void>> = [];
      for (let start = 0; start < ids.length; start += CompressPool.batchSize) {
        const batch: Uint8Array[] = [];
        const coords: Array<[number, number, number, number]> = [];
        for (const tileId of ids.slice(start, start + CompressPool.batchSize)) {
          const { x, y, chunks } = parts.get(tileId)!;
          parts.delete(tileId);
          const data = join(chunks);
          if (data.length > MAX_TILE_BYTES) {
            throw new SafeMapError('DATA_INVALID', `tile ${z}/${x}/${y} is ${data.length} bytes, over the ${MAX_TILE_BYTES}-byte cap; publish fewer properties (-y) or fewer layers`, { z, x, y, bytes: data.length });
          }
          if (!largest || data.length > largest.bytes) largest = { z, x, y, bytes: data.length };
          if (written % 64 === 0 || sample.length < 256) sample.push([z, x, y]);
          where[written] = [z, x, y];
          coords.push([z, x, y, tileId]);
          batch.push(data);
          written += 1;
        }
        const first = written - batch.length;
        const done = pool.run(batch, first);
        // Writes follow batch order, so the archive's content does not depend on which worker finished first.
        const previous = inFlight[inFlight.length - 1] ?? Promise.resolve();
        inFlight.push(
          Promise.all([done, previous]).then(async ([out]) => {
            for (let i = 0; i < out.length; i++) {
              const [tz, tx, ty, tileId] = coords[i]!;
              if (sink.kind === 'directory') await sink.writer.add(tz, tx, ty, batch[i]!);
              else if (sink.kind === 'pmtiles') await sink.writer.add(tileId, out[i]!);
              else sink.writer.add(tz, tx, ty, out[i]!);
            }
          }),
        );
        if (inFlight.length >= pool.capacity) await inFlight[inFlight.length - pool.capacity];
      }
      await Promise.all(inFlight);
      tilesPerZoom[z] = ids.length;
      tiling.update(maxzoom - z + 1);
    }
    tiling.done();
    const writing = progress.step('write', 1);
    await sink.writer.finish(metadata);
    writing.done();
    const verifying = progress.step('verify', Math.min(sample.length, VERIFY_SAMPLE));
    await verifyArchive(file, sample.slice(0, VERIFY_SAMPLE), written);
    verifying.done();
    const thinned = tilers.flatMap(({ tiler }) => (tiler instanceof PointPyramid ? tiler.thinned : []));
    const featuresPerLayer: Record<string, number> = Object.create(null);
    for (const layer of layers) featuresPerLayer[layer.id] = layer.store.length;
    return { tilesPerZoom, largest, thinned, featuresPerLayer, tiles: written, bytes: sink.writer.bytes, metadata };
  } catch (error) {
    if (sink.kind === 'pmtiles') await sink.writer.abort();
    else if (sink.kind === 'mbtiles') sink.writer.abort();
    await rm(file, { recursive: true, force: true });
    throw error;
  } finally {
    await pool.close();
  }
}

type Sink = { kind: 'pmtiles'; writer: PmtilesWriter } | { kind: 'mbtiles'; writer: MbtilesWriter } | { kind: 'directory'; writer: DirectoryWriter };

async function openSink(file: string, format: ArchiveFormat): Promise<Sink> {
  if (format === 'pmtiles') return { kind: 'pmtiles', writer: await PmtilesWriter.create(file) };
  if (format === 'mbtiles') return { kind: 'mbtiles', writer: new MbtilesWriter(file) };
  return { kind: 'directory', writer: new DirectoryWriter(file) };
}

/** One tile of several layers: their layer messages back to back, in a buffer of its own. */
function join(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Reads the written archive back through the readers the server uses (the pmtiles package for PMTiles): it must
 * open, hold as many tiles as were written, and answer a spread of them with tiles that decode.
 */
async function verifyArchive(file: string, sample: ReadonlyArray<readonly [number, number, number]>, written: number): Promise<void> {
  const archive = await openArchive(file);
  try {
    const header = await archive.tileCount?.();
    if (header !== undefined && header !== written) throw new SafeMapError('WRITE_FAILED', `${file}: holds ${header} tiles after writing ${written}`);
    for (const [z, x, y] of sample) {
      const stored = await archive.getStoredTile(z, x, y);
      if (!stored) throw new SafeMapError('WRITE_FAILED', `${file}: tile ${z}/${x}/${y} is missing after writing`);
      const raw = stored[0] === 0x1f && stored[1] === 0x8b ? gunzipSync(stored) : stored;
      try {
        checkTileDecodes(raw);
      } catch (error) {
        throw new SafeMapError('WRITE_FAILED', `${file}: tile ${z}/${x}/${y} reads back damaged (${(error as Error).message})`);
      }
    }
  } finally {
    await archive.close();
  }
}

function describe(layers: readonly TilingLayer[], description: ArchiveDescription, minzoom: number, maxzoom: number): ArchiveMetadata {
  const bounds = description.bounds ?? dataBounds(layers);
  const vectorLayers: VectorLayerInfo[] = layers.map((layer) => {
    const fields: Record<string, string> = { ...(description.fields?.[layer.id] ?? seenFields(layer)) };
    if (layer.store.allPoints && layer.minzoom < layer.maxzoom) Object.assign(fields, { cluster: 'Boolean', point_count: 'Number', point_count_abbreviated: 'String' });
    return { id: layer.id, minzoom: layer.minzoom, maxzoom: layer.maxzoom, fields };
  });
  return {
    name: description.name,
    description: description.description ?? description.name,
    attribution: description.attribution ?? '',
    minzoom,
    maxzoom,
    bounds,
    center: description.center ?? [round7((bounds[0] + bounds[2]) / 2), round7((bounds[1] + bounds[3]) / 2), Math.max(minzoom, Math.min(maxzoom, 10))],
    vector_layers: vectorLayers,
    generator: generatorName(),
    generator_options: description.generatorOptions,
    sources: description.sources,
    ...(description.configHash ? { config_sha256: description.configHash } : {}),
    // tippecanoe's layer statistics: GDAL reads the geometry kind of each layer from here.
    tilestats: {
      layerCount: layers.length,
      layers: layers.map((layer) => ({ layer: layer.id, count: layer.store.length, geometry: geometryName(layer) })),
    },
  };
}

function geometryName(layer: TilingLayer): string {
  const type = layer.store.length > 0 ? layer.store.geometry(0).type : 'Point';
  return type.includes('Polygon') ? 'Polygon' : type.includes('Line') ? 'LineString' : 'Point';
}

/** The type of each property as seen in the data: a column's values share one type unless the data mixes them. */
function seenFields(layer: TilingLayer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const column of layer.store.columns.values()) {
    const sample = column.mode === 'text' ? 'text' : column.mode === 'number' ? 0 : column.values[0];
    fields[column.name] = typeof sample === 'number' ? 'Number' : typeof sample === 'boolean' ? 'Boolean' : 'String';
  }
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function dataBounds(layers: readonly TilingLayer[]): [number, number, number, number] {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const layer of layers) {
    const bounds = layer.store.bounds();
    if (!bounds) continue;
    box[0] = Math.min(box[0]!, bounds[0]);
    box[1] = Math.min(box[1]!, bounds[1]);
    box[2] = Math.max(box[2]!, bounds[2]);
    box[3] = Math.max(box[3]!, bounds[3]);
  }
  return box[0]! <= box[2]! ? [round7(box[0]!), round7(box[1]!), round7(box[2]!), round7(box[3]!)] : [-180, -85.0511, 180, 85.0511];
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
