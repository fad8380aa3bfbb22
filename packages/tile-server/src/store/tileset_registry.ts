import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { Logger } from '../log.js';
import { loadPublishedTileset } from '../publish/load_published_tileset.js';
import { loadLiveTileset } from './load_tilesets.js';
import { TileCache } from './tile_cache.js';
import type { Tileset } from './tileset.js';

/** Immutable set of published tile sets; a reload builds a new registry and swaps it whole. */
export class TilesetRegistry {
  private readonly byId: ReadonlyMap<string, Tileset>;

  constructor(tilesets: readonly Tileset[]) {
    this.byId = new Map(tilesets.map((tileset) => [tileset.id, tileset]));
  }

  /** Looks up by id; only own entries, so ids like "__proto__" or "constructor" find nothing. */
  get(id: string): Tileset | undefined {
    return this.byId.get(id);
  }

  list(): Tileset[] {
    return [...this.byId.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.list().map((tileset) => tileset.source.close()));
  }
}

export interface RegistryOptions {
  /** Bytes of encoded tiles kept in memory across all tile sets. */
  cacheBytes?: number;
}

export async function loadRegistry(catalog: LoadedCatalog, logger: Logger, options: RegistryOptions = {}): Promise<TilesetRegistry> {
  const cache = new TileCache(options.cacheBytes ?? 256 * 1024 * 1024);
  // A tile set published with `safemap build --config` is served from its archive; any other is cut live.
  const tilesets = await Promise.all(
    catalog.catalog.tilesets.map(async (config) => (await loadPublishedTileset(config, catalog, cache, logger)) ?? loadLiveTileset(config, catalog, cache, logger)),
  );
  return new TilesetRegistry(tilesets);
}
