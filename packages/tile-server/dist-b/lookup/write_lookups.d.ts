import { type FeatureStore } from '../ingest/feature_store.js';
/**
 * Writes the look-up file that sits beside an archive version: every feature of every layer with its published
 * properties and geometry, an R*Tree over their bounding boxes, and a full-text index of their names and addresses.
 * The server answers `/features` and search from this file, so look-ups always describe the same build as the tiles,
 * and a national layer costs the server neither memory nor an index built at its first query.
 */
export declare function writeLookups(file: string, layers: ReadonlyArray<{
    id: string;
    store: FeatureStore;
}>): void;
