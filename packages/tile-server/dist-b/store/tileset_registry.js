import { isSafeMapError } from '../errors.js';
import { ArchiveTileSource } from './archive_tile_source.js';
import { openArchive } from '../archive/open_archive.js';
import { loadTilesetVersion } from './load_tilesets.js';
import { loadPublishedTileset } from './published_version.js';
import { TileCache } from './tile_cache.js';
/** Immutable set of published tile sets; a reload builds a new registry and swaps it whole. */
export class TilesetRegistry {
    byId;
    refusedIds;
    /** `refused`: catalogue tile sets whose published archive was refused at load (and nothing older could stand in). */
    constructor(tilesets, refused = []) {
        this.byId = new Map(tilesets.map((tileset) => [tileset.id, tileset]));
        this.refusedIds = new Set(refused);
    }
    /** True when the catalogue names the tile set but its archive was refused: a 503 until a good one is published. */
    isRefused(id) {
        return this.refusedIds.has(id);
    }
    /** Catalogue tile sets with nothing to serve (refused, or their first build not done or failed). */
    unavailable() {
        return [...this.refusedIds];
    }
    /** Looks up by id; only own entries, so ids like "__proto__" or "constructor" find nothing. */
    get(id) {
        return this.byId.get(id);
    }
    list() {
        return [...this.byId.values()];
    }
    /** Closes the tile sets' sources and look-ups, except those carried over into a newer registry (`keep`). */
    async close(keep = new Set()) {
        const closing = this.list().filter((tileset) => !keep.has(tileset.source));
        for (const tileset of closing)
            tileset.index?.close();
        await Promise.all(closing.map((tileset) => tileset.source.close()));
    }
}
/**
 * Every tile set of a catalogue as the server will serve it: the published version when one was built from this
 * configuration, otherwise the newest version the server built itself. A tile set with neither (its first build
 * still running) answers 503 until it has one.
 */
export async function loadRegistry(catalog, logger, options = {}) {
    const cache = options.cache ?? new TileCache(options.cacheBytes ?? 256 * 1024 * 1024);
    const unavailable = [];
    const tilesets = await Promise.all(catalog.catalog.tilesets.map(async (config) => {
        let published;
        try {
            published = await loadPublishedTileset(config, catalog, cache, logger, options.copies);
            if (published?.exact)
                return published.tileset;
        }
        catch (error) {
            // A corrupt archive costs its own tile set, never the server or the other tile sets.
            if (!isSafeMapError(error) || error.code !== 'ARCHIVE_INVALID')
                throw error;
            const still = options.serving?.(config);
            const outcome = still ? `still serving version ${still.source.version}` : 'its tiles answer 503 until a good version is published';
            logger.error({ tileset: config.id, code: error.code, file: error.details?.file, serving: still?.source.version }, `refused ${error.message}; ${outcome}`);
            if (!still)
                unavailable.push(config.id);
            return still;
        }
        // Nothing published for this configuration: the server's own build of it, else the published version of an
        // earlier configuration (when it still fits the catalogue) while that build runs or after it failed.
        const fallback = published ? { version: published.tileset.source.version, featuresPerLayer: Object.fromEntries(published.tileset.layers.map((layer) => [layer.id, layer.featureCount])) } : undefined;
        const [current, ...earlier] = options.built?.(config, catalog, fallback) ?? [];
        if (!current) {
            if (published)
                return published.tileset;
            unavailable.push(config.id);
            return undefined;
        }
        await published?.tileset.source.close();
        published?.tileset.index?.close();
        const still = options.serving?.(config);
        if (still && still.source.version === current.version)
            return still;
        const previous = new Map();
        for (const version of earlier)
            previous.set(version.version, new ArchiveTileSource(config.id, version.version, await openArchive(version.archive), cache));
        return loadTilesetVersion(config, current, previous, cache);
    }));
    return new TilesetRegistry(tilesets.filter((tileset) => tileset !== undefined), unavailable);
}
//# sourceMappingURL=tileset_registry.js.map