import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
/** The folder of published tile sets: the catalogue's `publish.dir`, relative to the catalogue file, default `tiles`. */
export declare function publishDirOf(catalog: LoadedCatalog): string;
/** Versions kept per tile set: the catalogue's `publish.keep`, default 3. */
export declare function keepOf(catalog: LoadedCatalog): number;
/**
 * Fingerprint of a tile set's configuration, recorded in its archives: the server serves a published archive only
 * while the catalogue still says what it was built from, and falls back to live tiles otherwise.
 */
export declare function configHash(config: TilesetConfig): string;
