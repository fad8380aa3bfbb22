import type { Catalog } from '../catalog/catalog_schema.js';
/** The page's script and stylesheet shipped with the package (same relative place from src/ and dist/). */
export declare function defaultPageDir(): string;
/**
 * The page `/` answers for a catalogue (its public part): the agency's title and name, the first tile set's map, and an
 * introduction built from what the catalogue says about itself, its layers and the credits it owes. Every piece of
 * catalogue text is escaped; the page loads only this origin's script and stylesheet, so it runs under the page CSP.
 * The other tile sets of the catalogue are linked as `/embed` pages, unless `otherMapLinks` is false (no server).
 */
export declare function renderAgencyPage(catalog: Catalog, options?: {
    otherMapLinks?: boolean;
}): string;
