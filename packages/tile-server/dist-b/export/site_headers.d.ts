/**
 * How a file of the exported folder is served:
 * - `page`: index.html, the map itself; the server's page headers and CSP, revalidated on every visit;
 * - `document`: catalogue, styles, TileJSON, gazetteers (unversioned names whose content changes on re-export);
 * - `immutable`: content-hashed names (archives, widget, sprites, look-ups, page assets), cached for a year.
 */
export type FileKind = 'page' | 'document' | 'immutable';
export interface SiteFile {
    /** Folder-relative, `/`-separated. */
    readonly path: string;
    readonly kind: FileKind;
}
/** The headers of one kind of file, as the server sends them for the same kind of response. */
export declare function headersFor(kind: FileKind, frameAncestors: readonly string[]): Record<string, string>;
/** The CSP of the page for a `<meta>` element: what a host that cannot set headers still enforces (no frame-ancestors there). */
export declare function metaCsp(frameAncestors: readonly string[]): string;
/**
 * A `_headers` file (Netlify, Cloudflare Pages and hosts that copy their format). Every file is named exactly, so no
 * wildcard rule can overlap another: those hosts join the values of a header set by two matching rules.
 */
export declare function headersFile(files: readonly SiteFile[], frameAncestors: readonly string[]): string;
/**
 * An nginx snippet for the `server {}` block that serves the folder (`root` set to it): MIME types the folder needs
 * (`.mjs` and `.pmtiles` are missing from many mime.types), precompressed `.gz` siblings, and one exact location per
 * file with its full header set (nginx's `add_header` in a location replaces every inherited one).
 */
export declare function nginxSnippet(files: readonly SiteFile[], frameAncestors: readonly string[]): string;
