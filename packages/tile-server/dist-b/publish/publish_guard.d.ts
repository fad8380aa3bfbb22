import type { FeatureDiff } from './diff_lookups.js';
/** One layer of a tile set, against the live (published) version: what the publish guard judged. */
export interface LayerChange {
    readonly tileset: string;
    readonly layer: string;
    /** Features in the live version; null when nothing is published or the live version lacks the layer. */
    readonly before: number | null;
    readonly after: number;
    /** Added, removed and changed features, when both versions' look-ups could be compared. */
    readonly diff?: FeatureDiff;
    /** `empty`: no features at all; `shrunk`: fewer than half of the live version's. Either refuses the publish. */
    readonly verdict: 'ok' | 'empty' | 'shrunk';
}
/**
 * The publish guard: a layer that comes out empty, or with fewer than half the features of the live version, is
 * almost always a broken export (every row quarantined, a truncated file, the wrong sheet), and publishing it would
 * wipe the map residents use. Such a publish is refused unless forced with `--allow-shrink`.
 */
export declare function judgeLayer(before: number | null, after: number): LayerChange['verdict'];
export declare function refusedChanges(changes: readonly LayerChange[]): LayerChange[];
/** `3 → 0 features` and, when known, `+1 −3 ~0`. */
export declare function formatChange(change: LayerChange): string;
/** The refusal message, with the next step. */
export declare function guardMessage(refused: readonly LayerChange[]): string;
