import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PropertyType, TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import { configHash, keepOf, publishDirOf } from '../publish/publish_location.js';
import { publishVersion, type PublishResult } from '../publish/publish_version.js';
import { cleanStaleStaging, stagingPathFor } from '../publish/staging.js';
import { publicCatalog } from '../security/split_restricted.js';
import { readTilesetLayers } from '../store/load_tilesets.js';
import { buildArchive, type ArchiveBuildResult } from './build_archive.js';
import type { BuildLayer } from './build_layer.js';
import type { Progress } from './progress.js';

export interface CatalogBuildOptions {
  readonly progress: Progress;
  /** Tile set ids to build; all when empty. */
  readonly only?: readonly string[];
  /** Told of each staging path while it exists, so a signal handler can remove it. */
  readonly onStaging?: (file: string, active: boolean) => void;
}

export interface TilesetBuildResult {
  readonly tileset: string;
  readonly build: ArchiveBuildResult;
  readonly publish: PublishResult;
  /** Rows left out by the source readers or the tile set's region. */
  readonly skipped: number;
}

/**
 * Builds and publishes every public tile set of a catalogue, exactly as the live server would cut it (same readers,
 * allow-lists, region and precision grid; restricted layers never enter a published archive). Each archive is
 * staged beside the published one, verified, then switched in; a failure leaves the published version as it was.
 */
export async function buildCatalog(loaded: LoadedCatalog, options: CatalogBuildOptions): Promise<TilesetBuildResult[]> {
  const publicPart = publicCatalog(loaded);
  const wanted = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  const results: TilesetBuildResult[] = [];
  for (const config of publicPart.catalog.tilesets) {
    if (wanted && !wanted.has(config.id)) continue;
    results.push(await buildTileset(config, publicPart, options));
  }
  return results;
}

async function buildTileset(config: TilesetConfig, loaded: LoadedCatalog, options: CatalogBuildOptions): Promise<TilesetBuildResult> {
  const reading = options.progress.step('read', config.layers.length);
  let read = 0;
  const data = await readTilesetLayers(config, loaded, () => reading.update(++read));
  reading.done();
  const layers: BuildLayer[] = data.map(({ layer, features }) => ({
    id: layer.id,
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    features: features.map((feature) => ({ geometry: feature.geometry, properties: feature.properties })),
  }));
  const tilesetDir = path.join(publishDirOf(loaded), config.id);
  await mkdir(tilesetDir, { recursive: true });
  await cleanStaleStaging(tilesetDir);
  const staged = stagingPathFor(path.join(tilesetDir, 'archive.pmtiles'));
  options.onStaging?.(staged, true);
  try {
    const build = await buildArchive(
      layers,
      staged,
      'pmtiles',
      {
        name: config.title.en,
        description: config.description?.en ?? config.title.en,
        attribution: [...new Set(config.layers.map((layer) => layer.attribution))].join(' | '),
        generatorOptions: `safemap build --config ${path.basename(loaded.file)} ${config.id}`,
        sources: data.map(({ layer, bytes }) => ({ file: layer.source.path, sha256: createHash('sha256').update(bytes).digest('hex'), dataDates: [] })),
        ...(config.bounds ? { bounds: config.bounds } : {}),
        ...(config.center ? { center: config.center } : {}),
        fields: Object.fromEntries(config.layers.map((layer) => [layer.id, fieldTypes(layer.properties)])),
        configHash: configHash(config),
      },
      options.progress,
    );
    const publish = await publishVersion(tilesetDir, staged, keepOf(loaded));
    return { tileset: config.id, build, publish, skipped: data.reduce((sum, layer) => sum + layer.problems.length, 0) };
  } finally {
    options.onStaging?.(staged, false);
  }
}

function fieldTypes(properties: Readonly<Record<string, PropertyType>>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([name, type]) => [name, type.charAt(0).toUpperCase() + type.slice(1)]));
}
