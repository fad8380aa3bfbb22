import { PbfWriter } from 'pbf';
import type { FeatureStore, PropertyValue } from '../ingest/feature_store.js';
import './pbf_utf8_fix.js';
/**
 * Writes the point features of one MVT layer, tile after tile, straight from a {@link FeatureStore}: property values
 * are looked up through the store's dictionaries (stamp arrays, no maps or objects per feature), text of mostly-unique
 * columns is copied as bytes. Keys and values are deduplicated per tile in first-use order, so output is stable.
 * One writer serves a whole layer; `finish` returns each tile's layer message and makes the writer ready for the next.
 */
export declare class MvtLayerWriter {
    private readonly name;
    private readonly store;
    private readonly extent;
    private readonly features;
    private readonly layer;
    private readonly keys;
    private readonly values;
    private readonly extraKeys;
    private readonly extraValues;
    private readonly columns;
    private readonly tags;
    private readonly point;
    private stamp;
    private count;
    constructor(name: string, store: FeatureStore | undefined, extent?: number);
    /** Number of features written to the current tile. */
    get size(): number;
    /** Adds feature `index` of the store as a point at tile coordinates (x, y), with the feature's id. */
    addFeature(index: number, x: number, y: number): void;
    /** Adds a point with the given properties and no id (clusters, whose properties are computed). */
    addPoint(x: number, y: number, properties: Readonly<Record<string, PropertyValue>>): void;
    /** The tile's layer message (field 3 of a tile), ready to be joined with other layers; resets for the next tile. */
    finish(): Uint8Array;
    private valueIndex;
    private writePoint;
    /** @internal used by writeLayer */
    static body(writer: MvtLayerWriter, pbf: PbfWriter): void;
}
