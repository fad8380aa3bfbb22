import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { Logger } from '../log.js';
import type { Tileset } from '../store/tileset.js';
/** A tile set ready to export: what it publishes, and the archive and look-ups of that very version. */
export interface ExportedTileset {
    readonly tileset: Tileset;
    readonly archive: string;
    readonly lookups: string;
    /** True when no version from this configuration was published, so the export built one. */
    readonly built: boolean;
}
/**
 * Every tile set of a (public) catalogue at the version the server would serve: the published one when it was built
 * from the current configuration, otherwise one built now into `buildDir` by the same engine the server uses for tile
 * sets nobody published (`runLiveBuild`), so an export never needs a server to have run first.
 */
export declare function exportTilesets(catalog: LoadedCatalog, buildDir: string, logger: Logger): Promise<ExportedTileset[]>;
/** Closes the archives and look-ups the tile sets hold open. */
export declare function closeExportedTilesets(tilesets: readonly ExportedTileset[]): Promise<void>;
