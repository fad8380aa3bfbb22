import { rm } from 'node:fs/promises';
import type { ArchiveMetadata, SourceRecord, VectorLayerInfo } from '../archive/archive_metadata.js';
import { generatorName } from '../archive/archive_metadata.js';
import { writeTileDirectory } from '../archive/directory_writer.js';
import { writeMbtiles } from '../archive/mbtiles_writer.js';
import type { ArchiveFormat } from '../archive/open_archive.js';
import { writePmtiles } from '../archive/pmtiles_writer.js';
import { isPointLayer, type BuildLayer } from './build_layer.js';
import { buildTiles, type TileStats } from './build_tiles.js';
import { checkAndCompress } from './gzip_tiles.js';
import type { Progress } from './progress.js';
import { verifyArchive } from './verify_archive.js';

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

/**
 * Tiles the layers, writes them to `file` in `format`, and reads every tile back to check it decodes. `file` should
 * be a staging path: on failure it is removed, and moving it into place is the caller's atomic step.
 */
export async function buildArchive(
  layers: readonly BuildLayer[],
  file: string,
  format: ArchiveFormat,
  description: ArchiveDescription,
  progress: Progress,
): Promise<ArchiveBuildResult> {
  const minzoom = Math.min(...layers.map((layer) => layer.minzoom));
  const maxzoom = Math.max(...layers.map((layer) => layer.maxzoom));
  const tiling = progress.step('tiles', maxzoom - minzoom + 1);
  const seen = new Set<number>();
  const { tiles, stats } = buildTiles(layers, {
    onZoom: (_layer, z) => {
      seen.add(z);
      tiling.update(seen.size);
    },
  });
  tiling.done();
  const metadata = describe(layers, description, minzoom, maxzoom);
  const compress = format !== 'directory';
  const checking = progress.step(compress ? 'compress' : 'check', tiles.length);
  // Every tile is decoded (and gzipped for archives) before anything is written.
  const gz = await checkAndCompress(
    tiles.map((tile) => tile.data),
    compress,
    (index) => `${tiles[index]!.z}/${tiles[index]!.x}/${tiles[index]!.y}`,
    (done) => checking.update(done),
  );
  checking.done();
  try {
    let bytes = 0;
    if (format === 'directory') {
      const writing = progress.step('write', tiles.length);
      await writeTileDirectory(file, tiles, metadata);
      bytes = tiles.reduce((sum, tile) => sum + tile.data.length, 0);
      writing.done();
    } else {
      const writing = progress.step('write', 1);
      if (format === 'pmtiles') await writePmtiles(file, tiles.map((tile, i) => ({ tileId: tile.tileId, data: gz[i]! })), metadata);
      else writeMbtiles(file, tiles.map((tile, i) => ({ z: tile.z, x: tile.x, y: tile.y, data: gz[i]! })), metadata);
      bytes = gz.reduce((sum, tile) => sum + tile.length, 0);
      writing.done();
    }
    const verifying = progress.step('verify', tiles.length);
    await verifyArchive(file, tiles, (done) => verifying.update(done));
    verifying.done();
    return { ...stats, tiles: tiles.length, bytes, metadata };
  } catch (error) {
    await rm(file, { recursive: true, force: true });
    throw error;
  }
}

function describe(layers: readonly BuildLayer[], description: ArchiveDescription, minzoom: number, maxzoom: number): ArchiveMetadata {
  const bounds = description.bounds ?? dataBounds(layers);
  const vectorLayers: VectorLayerInfo[] = layers.map((layer) => {
    const fields: Record<string, string> = { ...(description.fields?.[layer.id] ?? seenFields(layer)) };
    if (isPointLayer(layer) && layer.minzoom < layer.maxzoom) Object.assign(fields, { cluster: 'Boolean', point_count: 'Number', point_count_abbreviated: 'String' });
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
      layers: layers.map((layer) => ({ layer: layer.id, count: layer.features.length, geometry: geometryName(layer) })),
    },
  };
}

function geometryName(layer: BuildLayer): string {
  const type = layer.features[0]?.geometry.type ?? 'Point';
  return type.includes('Polygon') ? 'Polygon' : type.includes('Line') ? 'LineString' : 'Point';
}

function seenFields(layer: BuildLayer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const feature of layer.features) {
    for (const [key, value] of Object.entries(feature.properties)) {
      if (value === null || value === undefined || key in fields) continue;
      fields[key] = typeof value === 'number' ? 'Number' : typeof value === 'boolean' ? 'Boolean' : 'String';
    }
  }
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function dataBounds(layers: readonly BuildLayer[]): [number, number, number, number] {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (position: readonly number[]) => {
    box[0] = Math.min(box[0]!, position[0]!);
    box[1] = Math.min(box[1]!, position[1]!);
    box[2] = Math.max(box[2]!, position[0]!);
    box[3] = Math.max(box[3]!, position[1]!);
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') visit(value as number[]);
    else if (Array.isArray(value)) value.forEach(walk);
  };
  for (const layer of layers) {
    for (const { geometry } of layer.features) {
      if (geometry.type === 'Point') visit(geometry.coordinates);
      else if (geometry.type !== 'GeometryCollection') walk(geometry.coordinates);
    }
  }
  return box[0]! <= box[2]! ? [round7(box[0]!), round7(box[1]!), round7(box[2]!), round7(box[3]!)] : [-180, -85.0511, 180, 85.0511];
}

function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
