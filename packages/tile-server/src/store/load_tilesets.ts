import { access } from 'node:fs/promises';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import { ArchiveTileSource } from './archive_tile_source.js';
import { openArchive } from '../archive/open_archive.js';
import { FeatureLookup, type BBox } from '../lookup/feature_lookup.js';
import { describeTileset } from './describe_tileset.js';
import type { TileCache } from './tile_cache.js';
import type { Tileset } from './tileset.js';

/** The files of one built version of a tile set: its archive and, beside it, the look-ups of the same build. */
export interface VersionFiles {
  readonly version: string;
  readonly archive: string;
  readonly lookups: string;
}

/**
 * A tile set served from a built version, published or built by the server itself: tiles from the archive,
 * `/features` from the look-ups written by the same build, and earlier versions still answering their own versioned
 * URLs. There is no other way to serve a tile set: the server never cuts tiles itself.
 */
export async function loadTilesetVersion(config: TilesetConfig, current: VersionFiles, earlier: ReadonlyMap<string, ArchiveTileSource>, cache: TileCache): Promise<Tileset> {
  const archive = await openArchive(current.archive);
  let metadata: Record<string, unknown>;
  try {
    metadata = await archive.metadata();
  } catch (error) {
    await archive.close();
    throw error;
  }
  const counts = new Map((readTilestats(metadata) ?? []).map((entry) => [entry.layer, entry.count]));
  const lookups = (await exists(current.lookups)) ? FeatureLookup.open(current.lookups) : undefined;
  return describeTileset(config, {
    featureCount: (layerId) => counts.get(layerId) ?? 0,
    bounds: metadata.bounds as BBox | undefined,
    source: new ArchiveTileSource(config.id, current.version, archive, cache, earlier),
    index: lookups,
  });
}

function readTilestats(metadata: Record<string, unknown>): Array<{ layer: string; count: number }> | undefined {
  const stats = metadata.tilestats as { layers?: Array<{ layer: string; count: number }> } | undefined;
  return Array.isArray(stats?.layers) ? stats.layers : undefined;
}

export async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
