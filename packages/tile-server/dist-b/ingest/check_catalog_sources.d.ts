import { type ErrorCode } from '../errors.js';
import type { LayerConfig, PropertyType } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
/** One finding about a layer, placed at the catalogue key an officer edits to fix it. */
export interface LayerFinding {
    readonly severity: 'error' | 'warning';
    readonly kind: 'source-unreadable' | 'missing-column' | 'type-mismatch' | 'empty-property' | 'no-features' | 'mostly-outside';
    /** `tilesets[0].layers[1].source.columns.lat` */
    readonly key: string;
    readonly message: string;
    /** For a refused source: the error code, which sets the exit code. */
    readonly code?: ErrorCode;
    /** For type mismatches: rows whose value is not of the declared type, a few of those values, and the type they suggest. */
    readonly rows?: number;
    readonly examples?: readonly string[];
    readonly suggestedType?: PropertyType;
}
/** Rows left out, grouped by why, with the first places so the officer can open the file there. */
export interface QuarantineGroup {
    readonly kind: string;
    readonly count: number;
    /** `file:line: reason` (CSV) or `file#feature: reason` (GeoJSON), first few. */
    readonly first: readonly string[];
}
export interface LayerCheck {
    readonly tileset: string;
    readonly layer: string;
    /** `tilesets[0].layers[1]` */
    readonly key: string;
    readonly file: string;
    readonly access: LayerConfig['access'];
    /** Rows (CSV) or features (GeoJSON) read; 0 when the source could not be read. */
    readonly rows: number;
    /** Features a build would publish: read, placed, inside the tile set's region. */
    readonly features: number;
    readonly quarantined: number;
    readonly quarantine: readonly QuarantineGroup[];
    readonly findings: readonly LayerFinding[];
}
/**
 * Reads every layer's source as a build would and checks it against the catalogue: columns the catalogue names but
 * the file lacks, values that are not of their declared type, published properties that end up empty everywhere.
 * Those were silent drops; here each is a finding at the catalogue key that causes it. Nothing is written.
 */
export declare function checkCatalogSources(loaded: LoadedCatalog, only?: readonly string[]): Promise<LayerCheck[]>;
