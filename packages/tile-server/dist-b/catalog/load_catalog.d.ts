import { type Catalog } from './catalog_schema.js';
/** A validated catalogue plus the folder its relative source paths resolve against. */
export interface LoadedCatalog {
    readonly file: string;
    readonly baseDir: string;
    readonly catalog: Catalog;
    /** SHA-256 of the file's bytes, 12 hex digits: which edit of the catalogue a server runs (its `/readyz` says). */
    readonly revision?: string;
}
/** Reads and validates a layer catalogue; every problem is reported with the file and its key path. */
export declare function loadCatalog(file: string): Promise<LoadedCatalog>;
/** Validates an already-parsed catalogue; `file` only names the origin in error messages. */
export declare function parseCatalog(json: unknown, file: string): Catalog;
/** `tilesets[0].layers[1].source.columns.lat`; keys that are not plain names are quoted: `properties["시설 명"]`. */
export declare function formatKeyPath(segments: readonly PropertyKey[]): string;
