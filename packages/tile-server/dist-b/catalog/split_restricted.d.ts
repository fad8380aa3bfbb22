import type { LoadedCatalog } from './load_catalog.js';
/**
 * The catalogue as the public may see it: restricted layers removed, and tile sets left without layers dropped. The
 * public registry is built from this alone, so a restricted layer cannot reach a public tile, TileJSON, style,
 * catalogue entry or feature look-up by any route.
 */
export declare function publicCatalog(loaded: LoadedCatalog): LoadedCatalog;
/**
 * The companion catalogue of restricted layers only, each tile set keeping its id; served under `/restricted/…` and
 * only with an API key. Undefined when nothing is restricted.
 */
export declare function restrictedCatalog(loaded: LoadedCatalog): LoadedCatalog | undefined;
