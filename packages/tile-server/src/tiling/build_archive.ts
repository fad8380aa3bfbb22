import { rm } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { ArchiveMetadata, SourceRecord, VectorLayerInfo } from '../archive/archive_metadata.js';
import { generatorName } from '../archive/archive_metadata.js';
import { DirectoryWriter } from '../archive/directory_writer.js';
import { MbtilesWriter } from '../archive/mbtiles_writer.js';
import { openArchive, type ArchiveFormat } from '../archive/open_archive.js';
import { PmtilesWriter } from '../archive/pmtiles_writer.js';
import { SafeMapError } from '../errors.js';
import { checkTileDecodes } from './check_tile.js';
import { CompressPool } from './compress_pool.js';
import type { Progress } from './progress.js';
import { tileLayers, type BuiltTile, type TileOptions, type TileStats } from './tile_layers.js';
import type { TilingLayer } from './tiling_layer.js';

export type { TileStats } from './tile_layers.js';

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

export interface ArchiveBuildResult extends TileStats {
  readonly tiles: number;
  readonly bytes: number;
  readonly metadata: ArchiveMetadata;
}

/** Tiles read back after writing, evenly spread, to prove the archive opens and answers with what was written. */
const VERIFY_SAMPLE = 4096;
const EMPTY_TILE = new Uint8Array(0);

/**
 * From feature stores to an archive: tiles come zoom by zoom from {@link tileLayers}, are checked to decode and
 * gzipped in worker threads while tiling goes on, and are written to the archive as they come — at most one zoom's
 * tiles are in memory. The archive is read back before returning. `file` should be a staging path: on failure it is removed,
 * and moving it into place is the caller's atomic step.
 */
export async function buildArchive(
  layers: readonly TilingLayer[],
  file: string,
  format: ArchiveFormat,
  description: ArchiveDescription,
  progress: Progress,
  options: TileOptions = {},
): Promise<ArchiveBuildResult> {
  const minzoom = Math.min(...layers.map((layer) => layer.minzoom));
  const maxzoom = Math.max(...layers.map((layer) => layer.maxzoom));
  const metadata = describe(layers, description, minzoom, maxzoom);
  const sink = await openSink(file, format);
  const where: Array<[number, number, number]> = [];
  const pool = new CompressPool(format !== 'directory', (index) => where[index]?.join('/') ?? String(index));
  const sample: Array<[number, number, number]> = [];
  let written = 0;
  const tiling = progress.step('tiles', maxzoom - minzoom + 1);
  const inFlight: Array<Promise<void>> = [];
  try {
    let batch: BuiltTile[] = [];
    const dispatch = () => {
      if (batch.length === 0) return;
      const tiles = batch;
      batch = [];
      const done = pool.run(
        tiles.map((tile) => tile.data),
        written - tiles.length,
      );
      // Archives keep only the gzipped bytes: drop the raw tiles (moved to the workers) from this batch.
      if (sink.kind !== 'directory') for (let i = 0; i < tiles.length; i++) tiles[i] = { ...tiles[i]!, data: EMPTY_TILE };
      // Writes follow batch order, so the archive's content does not depend on which worker finished first.
      const previous = inFlight[inFlight.length - 1] ?? Promise.resolve();
      inFlight.push(
        Promise.all([done, previous]).then(async ([out]) => {
          for (let i = 0; i < out.length; i++) {
            const { z, x, y, tileId, data } = tiles[i]!;
            if (sink.kind === 'directory') await sink.writer.add(z, x, y, data);
            else if (sink.kind === 'pmtiles') await sink.writer.add(tileId, out[i]!);
            else sink.writer.add(z, x, y, out[i]!);
          }
        }),
      );
    };
    const stats = await tileLayers(
      layers,
      options,
      (tile) => {
        if (written % 64 === 0 || sample.length < 256) sample.push([tile.z, tile.x, tile.y]);
        where[written] = [tile.z, tile.x, tile.y];
        batch.push(tile);
        written += 1;
        if (batch.length < CompressPool.batchSize) return undefined;
        dispatch();
        // A tiler makes a whole zoom in one go; without this wait, a national zoom's tiles (400 MB at 10,000,000
        // points) were all held at once, waiting for the thread that writes them.
        return inFlight.length > pool.capacity ? inFlight[inFlight.length - 1 - pool.capacity] : undefined;
      },
      async (z) => {
        dispatch();
        // A zoom's tiles are all produced; its writes finish before the next zoom, which bounds the work in flight.
        await Promise.all(inFlight);
        inFlight.length = 0;
        tiling.update(maxzoom - z + 1);
      },
    );
    tiling.done();
    const writing = progress.step('write', 1);
    await sink.writer.finish(metadata);
    writing.done();
    const verifying = progress.step('verify', Math.min(sample.length, VERIFY_SAMPLE));
    await verifyArchive(file, sample.slice(0, VERIFY_SAMPLE), written);
    verifying.done();
    return { ...stats, tiles: written, bytes: sink.writer.bytes, metadata };
  } catch (error) {
    // Writes of earlier batches may still be running: let them end before their file is closed under them, so the
    // error that stopped the build is the one reported.
    await Promise.allSettled(inFlight);
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
