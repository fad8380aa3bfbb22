import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { VersionRecord } from './version_record.js';
/** What a version's archive holds, layer by layer, as far as its record or metadata tell. */
interface HeldLayer {
    readonly id: string;
    readonly properties: readonly string[];
    /** The layer's precision grid when built; `unknown` when only the archive's metadata is left to tell. */
    readonly precision: {
        readonly gridMeters: number;
        readonly maxzoom: number;
    } | null | 'unknown';
    readonly maxzoom: number;
}
/** The layers a version holds, from its record (exact) or from its archive's `vector_layers` (names only). */
export declare function heldLayers(record: VersionRecord | undefined, metadata: Record<string, unknown>): HeldLayer[];
/**
 * Why a version may no longer be served under the current (public) configuration of its tile set, or undefined when
 * it may. A version built from the same configuration always may. Otherwise it holds data the catalogue has since
 * withdrawn when one of its layers is gone from the public tile set (made `restricted`, removed), carries a property
 * no longer on the allow-list, or has positions finer than a precision grid added or coarsened since. Such versions
 * must stop answering, even their own versioned URLs: what was withdrawn must not stay public until pruned.
 */
export declare function unfitReason(held: readonly HeldLayer[], builtFrom: string | undefined, current: TilesetConfig | undefined, currentHash: string): string | undefined;
export {};
