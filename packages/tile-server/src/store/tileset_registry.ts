import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import { isSafeMapError } from '../errors.js';
import type { Logger } from '../log.js';
import { loadPublishedTileset } from '../publish/load_published_tileset.js';
import { loadLiveTileset } from './load_tilesets.js';
import { TileCache } from './tile_cache.js';
import type { Tileset } from './tileset.js';
import type { TileSource } from './tile_source.js';

/** Immutable set of published tile sets; a reload builds a new registry and swaps it whole. */
export class TilesetRegistry {
  private readonly byId: ReadonlyMap<string, Tileset>;
  private readonly refusedIds: ReadonlySet<string>;

  /** `refused`: catalogue tile sets whose published archive was refused at load (and nothing older could stand in). */
  constructor(tilesets: readonly Tileset[], refused: readonly string[] = []) {
    this.byId = new Map(tilesets.map((tileset) => [tileset.id, tileset]));
    this.refusedIds = new Set(refused);
  }

  /** True when the catalogue names the tile set but its archive was refused: a 503 until a good one is published. */
  isRefused(id: string): boolean {
    return this.refusedIds.has(id);
  }

  /** Looks up by id; only own entries, so ids like "__proto__" or "constructor" find nothing. */
  get(id: string): Tileset | undefined {
    return this.byId.get(id);
  }

  list(): Tileset[] {
    return [...this.byId.values()];
  }

  /** Closes the tile sets' sources, except those carried over into a newer registry (`keep`). */
  async close(keep: ReadonlySet<TileSource> = new Set()): Promise<void> {
    await Promise.all(this.list().filter((tileset) => !keep.has(tileset.source)).map((tileset) => tileset.source.close()));
  }
}

export interface RegistryOptions {
  /** Bytes of encoded tiles kept in memory across all tile sets. */
  cacheBytes?: number;
  /**
   * On reload: the tile set already being served for this configuration, kept when its newly published archive is
   * refused, so a damaged publish never takes down the version residents are using.
   */
  serving?: (config: TilesetConfig) => Tileset | undefined;
}

export async function loadRegistry(catalog: LoadedCatalog, logger: Logger, options: RegistryOptions = {}): Promise<TilesetRegistry> {
  const cache = new TileCache(options.cacheBytes ?? 256 * 1024 * 1024);
  // A tile set published with `safemap build --config` is served from its archive; any other is cut live.
  const refused: string[] = [];
  const tilesets = await Promise.all(
    catalog.catalog.tilesets.map(async (config) => {
      try {
        return (await loadPublishedTileset(config, catalog, cache, logger)) ?? (await loadLiveTileset(config, catalog, cache, logger));
      } catch (error) {
        // A corrupt archive costs its own tile set, never the server or the other tile sets.
        if (!isSafeMapError(error) || error.code !== 'ARCHIVE_INVALID') throw error;
        const still = options.serving?.(config);
        const outcome = still ? `still serving version ${still.source.version}` : 'its tiles answer 503 until a good version is published';
        logger.error({ tileset: config.id, code: error.code, file: error.details?.file, serving: still?.source.version }, `refused ${error.message}; ${outcome}`);
        if (!still) refused.push(config.id);
        return still;
      }
    }),
  );
  return new TilesetRegistry(
    tilesets.filter((tileset): tileset is Tileset => tileset !== undefined),
    refused,
  );
}
