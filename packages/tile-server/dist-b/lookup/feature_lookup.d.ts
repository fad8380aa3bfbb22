import type { Geometry } from 'geojson';
import type { PropertyValue } from '../ingest/feature_store.js';
import type { SearchColumn, SearchEntry } from '../search/text_search.js';
export type BBox = readonly [west: number, south: number, east: number, north: number];
/** A feature as look-ups return it: its id within its layer, WGS84 geometry and published properties. */
export interface FoundFeature {
    readonly id: number;
    readonly geometry: Geometry;
    readonly properties: Readonly<Record<string, PropertyValue>>;
}
/**
 * Answers "what is here" and "which feature is this" from the look-up file written beside an archive version
 * (see write_lookups.ts). Queries are indexed (R*Tree, B-tree) and bounded by their limit, so a national layer costs
 * the server no memory and each look-up a millisecond or so.
 */
export declare class FeatureLookup {
    private readonly db;
    private readonly searchAll;
    private readonly searchLayer;
    private readonly byId;
    private readonly ofLayer;
    private readonly counted;
    private readonly text;
    private constructor();
    /** Features in `layer`. */
    count(layer: string): number;
    /** Every feature of a layer with one representative point (a point itself, else its bounding box centre). */
    entries(layer: string): Iterable<SearchEntry>;
    /**
     * Features of `layer` whose `column` texts hold every token of `match` (see search/text_search.ts), in file order, at
     * most `limit`: candidates for the caller to check and rank.
     */
    textCandidates(match: string, column: SearchColumn, layer: string, limit: number): SearchEntry[];
    static open(file: string): FeatureLookup;
    /** Features whose bounding box meets `bbox`, optionally of one layer, at most `limit`, in layer and file order. */
    search(bbox: BBox, options?: {
        layer?: string;
        limit?: number;
    }): Array<{
        layer: string;
        feature: FoundFeature;
    }>;
    get(layer: string, id: number): FoundFeature | undefined;
    close(): void;
}
