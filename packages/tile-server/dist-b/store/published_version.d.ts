import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { Logger } from '../log.js';
import type { TileCache } from './tile_cache.js';
import type { Tileset } from './tileset.js';
import type { VerifiedCopies } from './verified_copies.js';
/** A published version the server can serve, and how it stands against the current catalogue. */
export interface PublishedLoad {
    readonly tileset: Tileset;
    /**
     * True when the version was built from the current configuration, or a rollback pinned it: served as it is.
     * False for a version of an earlier configuration that still fits the catalogue: served while the server builds
     * the current configuration, and kept if that build fails (a source that no longer reads never takes the map down).
     */
    readonly exact: boolean;
}
/**
 * The published version of a catalogue tile set, with the earlier kept versions answering their own versioned URLs.
 * Every file is verified against its version's hash (and, with `copies`, served from a private verified copy); a
 * version holding data the catalogue has since withdrawn is never served, live or earlier. When the live version
 * is refused, the newest earlier version that verifies and fits is served instead and the refusal is logged; when
 * none does, the refusal is thrown (ARCHIVE_INVALID). Undefined when nothing servable is published.
 */
export declare function loadPublishedTileset(config: TilesetConfig, catalog: LoadedCatalog, cache: TileCache, logger: Logger, copies?: VerifiedCopies): Promise<PublishedLoad | undefined>;
