import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { Logger } from '../log.js';
import { type VersionFiles } from './load_tilesets.js';
import { TileCache } from './tile_cache.js';
import type { Tileset } from './tileset.js';
import type { TileSource } from './tile_source.js';
import type { VerifiedCopies } from './verified_copies.js';
/** Immutable set of published tile sets; a reload builds a new registry and swaps it whole. */
export declare class TilesetRegistry {
    private readonly byId;
    private readonly refusedIds;
    /** `refused`: catalogue tile sets whose published archive was refused at load (and nothing older could stand in). */
    constructor(tilesets: readonly Tileset[], refused?: readonly string[]);
    /** True when the catalogue names the tile set but its archive was refused: a 503 until a good one is published. */
    isRefused(id: string): boolean;
    /** Catalogue tile sets with nothing to serve (refused, or their first build not done or failed). */
    unavailable(): string[];
    /** Looks up by id; only own entries, so ids like "__proto__" or "constructor" find nothing. */
    get(id: string): Tileset | undefined;
    list(): Tileset[];
    /** Closes the tile sets' sources and look-ups, except those carried over into a newer registry (`keep`). */
    close(keep?: ReadonlySet<TileSource>): Promise<void>;
}
export interface RegistryOptions {
    /** Bytes of encoded tiles kept in memory across all tile sets. */
    cacheBytes?: number;
    /** A cache shared with earlier registries, so a reload keeps what is already in memory. */
    cache?: TileCache;
    /**
     * On reload: the tile set already being served for this configuration, kept when its newly published archive is
     * refused, so a damaged publish never takes down the version residents are using.
     */
    serving?: (config: TilesetConfig) => Tileset | undefined;
    /**
     * Versions the server built itself of tile sets nothing published serves; without it such tile sets are
     * unavailable. `fallback` names the published version served meanwhile (and if the build fails), if any.
     */
    built?: (config: TilesetConfig, catalog: LoadedCatalog, fallback?: {
        version: string;
        featuresPerLayer: Record<string, number>;
    }) => readonly VersionFiles[];
    /** Where published files are copied and verified before they are served (see verified_copies.ts). */
    copies?: VerifiedCopies;
}
/**
 * Every tile set of a catalogue as the server will serve it: the published version when one was built from this
 * configuration, otherwise the newest version the server built itself. A tile set with neither (its first build
 * still running) answers 503 until it has one.
 */
export declare function loadRegistry(catalog: LoadedCatalog, logger: Logger, options?: RegistryOptions): Promise<TilesetRegistry>;
