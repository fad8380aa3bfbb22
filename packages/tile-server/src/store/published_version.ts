import path from 'node:path';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import { ArchiveTileSource } from './archive_tile_source.js';
import { openArchive } from '../archive/open_archive.js';
import { isSafeMapError, SafeMapError } from '../errors.js';
import type { Logger } from '../log.js';
import { checkPublishedArchive } from '../publish/check_published_archive.js';
import { configHash, publishDirOf } from '../publish/publish_location.js';
import { readPointer, versionArchive, versionLookups } from '../publish/publish_pointer.js';
import { exists, loadTilesetVersion } from './load_tilesets.js';
import type { TileCache } from './tile_cache.js';
import type { Tileset } from './tileset.js';

/**
 * The published version of a catalogue tile set, with the earlier versions still on disk answering their own
 * versioned URLs. Undefined when nothing is published or the archive was built from another configuration of the
 * tile set (the server then builds one itself). A damaged archive is an ARCHIVE_INVALID error.
 */
export async function loadPublishedTileset(config: TilesetConfig, catalog: LoadedCatalog, cache: TileCache, logger: Logger): Promise<Tileset | undefined> {
  const tilesetDir = path.join(publishDirOf(catalog), config.id);
  const pointer = await readPointer(tilesetDir);
  if (!pointer) return undefined;
  const file = path.join(tilesetDir, pointer.archive);
  let metadata: Record<string, unknown>;
  try {
    // Structure first (a cut header says "truncated"), then the bytes against the published version's hash.
    const archive = await openArchive(file);
    try {
      await checkPublishedArchive(file, pointer.version);
      metadata = await archive.metadata();
    } finally {
      await archive.close();
    }
  } catch (error) {
    if (isSafeMapError(error)) throw error;
    throw new SafeMapError('ARCHIVE_INVALID', `${file}: its metadata cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
  if (metadata.config_sha256 !== configHash(config)) {
    logger.warn({ tileset: config.id, version: pointer.version }, 'the published archive was built from another configuration; building this configuration until it is republished');
    return undefined;
  }
  const earlier = new Map<string, ArchiveTileSource>();
  for (const version of pointer.history) {
    const older = path.join(tilesetDir, versionArchive(version));
    if (!(await exists(older))) continue;
    // A damaged (or just pruned) earlier version costs only its own URLs, which answer 404, never the live one.
    try {
      await checkPublishedArchive(older, version);
      earlier.set(version, new ArchiveTileSource(config.id, version, await openArchive(older), cache));
    } catch (error) {
      if (!isSafeMapError(error) || error.code !== 'ARCHIVE_INVALID') throw error;
      logger.warn({ tileset: config.id, version, file: older, code: error.code }, `earlier version left out: ${error.message}`);
    }
  }
  logger.info({ tileset: config.id, version: pointer.version, kept: [...earlier.keys()] }, 'serving the published archive');
  return loadTilesetVersion(config, { version: pointer.version, archive: file, lookups: path.join(tilesetDir, versionLookups(pointer.version)) }, earlier, cache);
}
