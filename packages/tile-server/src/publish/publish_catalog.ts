import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import { publicCatalog } from '../catalog/split_restricted.js';
import type { ArchiveBuildResult } from '../tiling/build_archive.js';
import { buildTileset } from '../tiling/build_tileset.js';
import type { Progress } from '../tiling/progress.js';
import { configHash, keepOf, publishDirOf } from './publish_location.js';
import { publishVersion, type PublishResult } from './publish_version.js';
import { cleanStaleStaging, stagingPathFor } from './staging.js';

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
 * Builds and publishes every public tile set of a catalogue with the same engine the server uses for unpublished
 * ones (same readers, allow-lists, region and precision grid; restricted layers never enter a published archive).
 * Each archive and its look-ups are staged beside the published ones, verified, then switched in; a failure leaves
 * the published version as it was.
 */
export async function publishCatalog(loaded: LoadedCatalog, options: CatalogBuildOptions): Promise<TilesetBuildResult[]> {
  const publicPart = publicCatalog(loaded);
  const wanted = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  const results: TilesetBuildResult[] = [];
  for (const config of publicPart.catalog.tilesets) {
    if (wanted && !wanted.has(config.id)) continue;
    results.push(await publishTileset(config, publicPart, options));
  }
  return results;
}

async function publishTileset(config: TilesetConfig, loaded: LoadedCatalog, options: CatalogBuildOptions): Promise<TilesetBuildResult> {
  const tilesetDir = path.join(publishDirOf(loaded), config.id);
  await mkdir(tilesetDir, { recursive: true });
  await cleanStaleStaging(tilesetDir);
  const staged = { archive: stagingPathFor(path.join(tilesetDir, 'archive.pmtiles')), lookups: stagingPathFor(path.join(tilesetDir, 'lookups.sqlite')) };
  options.onStaging?.(staged.archive, true);
  options.onStaging?.(staged.lookups, true);
  try {
    const { build, skipped } = await buildTileset(config, loaded.baseDir, loaded.file, configHash(config), staged, options.progress);
    const publish = await publishVersion(tilesetDir, staged.archive, keepOf(loaded), staged.lookups);
    return { tileset: config.id, build, publish, skipped };
  } finally {
    await rm(staged.lookups, { force: true });
    options.onStaging?.(staged.archive, false);
    options.onStaging?.(staged.lookups, false);
  }
}
