import type { Catalog } from '../catalog/catalog_schema.js';
/** A file to write into the exported folder. */
export interface PageFile {
    readonly path: string;
    readonly bytes: Buffer;
}
/** The page, as `/` serves it, and every file it loads. */
export interface ExportedPage {
    readonly html: string;
    /** Widget bundle, MapLibre's worker and the page's own assets, all under content-hashed names. */
    readonly assets: PageFile[];
}
/**
 * The page `/` of the server for a static folder: the same page generated from the catalogue, with the widget
 * references versioned by the server's own `widgetVersioner`, then every absolute link made relative (so the folder
 * works under any path), page assets renamed by content hash, the widget pointed at the folder's `catalog.json`, and
 * the page CSP also in a `<meta>` element for hosts that cannot set headers.
 */
export declare function exportPage(options: {
    site: Catalog;
    pageDir: string;
    widgetDir: string;
    catalog: string;
    frameAncestors: readonly string[];
}): ExportedPage;
/** `name.<12 hex of sha256>.ext`, as the widget build names its files. */
export declare function versionedName(file: string, bytes: Buffer): string;
