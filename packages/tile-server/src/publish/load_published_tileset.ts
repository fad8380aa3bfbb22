import { access } from 'node:fs/promises';
import path from 'node:path';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import { ArchiveTileSource } from '../archive/archive_tile_source.js';
import { openArchive } from '../archive/open_archive.js';
import type { Logger } from '../log.js';
import { isSafeMapError, SafeMapError } from '../errors.js';
import { FeatureIndex, type BBox } from '../spatial/feature_index.js';
import { describeTileset } from '../store/describe_tileset.js';
import { readTilesetLayers } from '../store/load_tilesets.js';
import type { TileCache } from '../store/tile_cache.js';
import type { Tileset } from '../store/tileset.js';
import { checkPublishedArchive } from './check_published_archive.js';
import { configHash, publishDirOf } from './publish_location.js';
import { readPointer, versionArchive } from './publish_pointer.js';

/**
 * The published version of a catalogue tile set, served from its archive, with the earlier versions still on disk
 * answering their own versioned URLs. Undefined when nothing is published or the archive was built from another
 * configuration of the tile set (the caller then serves it live).
 */
export async function loadPublishedTileset(config: TilesetConfig, catalog: LoadedCatalog, cache: TileCache, logger: Logger): Promise<Tileset | undefined> {
  const tilesetDir = path.join(publishDirOf(catalog), config.id);
  const pointer = await readPointer(tilesetDir);
  if (!pointer) return undefined;
  const file = path.join(tilesetDir, pointer.archive);
  const archive = await openArchive(file);
  let metadata: Record<string, unknown>;
  try {
    await checkPublishedArchive(file, pointer.version);
    metadata = await archive.metadata();
  } catch (error) {
    await archive.close();
    if (isSafeMapError(error)) throw error;
    throw new SafeMapError('ARCHIVE_INVALID', `${file}: its metadata cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
  if (metadata.config_sha256 !== configHash(config)) {
    await archive.close();
    logger.warn({ tileset: config.id, version: pointer.version }, 'the published archive was built from another configuration; serving live tiles until it is rebuilt');
    return undefined;
  }
  const previous = new Map<string, ArchiveTileSource>();
  for (const version of pointer.history) {
    const file = path.join(tilesetDir, versionArchive(version));
    if (!(await access(file).then(() => true, () => false))) continue;
    // A damaged (or just pruned) earlier version costs only its own URLs, which answer 404, never the live one.
    try {
      await checkPublishedArchive(file, version);
      previous.set(version, new ArchiveTileSource(config.id, version, await openArchive(file), cache));
    } catch (error) {
      if (!isSafeMapError(error) || error.code !== 'ARCHIVE_INVALID') throw error;
      logger.warn({ tileset: config.id, version, file, code: error.code }, `earlier version left out: ${error.message}`);
    }
  }
  const counts = new Map((readTilestats(metadata) ?? []).map((entry) => [entry.layer, entry.count]));
  logger.info({ tileset: config.id, version: pointer.version, kept: [...previous.keys()] }, 'serving the published archive');
  return describeTileset(config, {
    featureCount: (layerId) => counts.get(layerId) ?? 0,
    bounds: metadata.bounds as BBox | undefined,
    source: new ArchiveTileSource(config.id, pointer.version, archive, cache, previous),
    index: await sourceIndex(config, catalog, logger),
  });
}

/**
 * The feature index for `/features` look-ups, read from the sources the same way the build read them, when they are
 * on this machine; an archive-only deployment has none, and its look-ups find nothing.
 */
async function sourceIndex(config: TilesetConfig, catalog: LoadedCatalog, logger: Logger): Promise<FeatureIndex | undefined> {
  try {
    const data = await readTilesetLayers(config, catalog);
    return new FeatureIndex(data.map(({ layer, features }) => ({ id: layer.id, features })));
  } catch (error) {
    if (!isSafeMapError(error) || error.code !== 'SOURCE_UNREADABLE') throw error;
    logger.info({ tileset: config.id }, 'sources not on this machine: tiles from the archive, no feature look-ups');
    return undefined;
  }
}

function readTilestats(metadata: Record<string, unknown>): Array<{ layer: string; count: number }> | undefined {
  const stats = metadata.tilestats as { layers?: Array<{ layer: string; count: number }> } | undefined;
  return Array.isArray(stats?.layers) ? stats.layers : undefined;
}
