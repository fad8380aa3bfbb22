import { type FeatureStore } from './feature_store.js';
import type { IngestOptions, ValidationProblem } from './ingest_types.js';
import type { StageFacts } from './record_stage.js';
import type { ReaderFacts } from './source_reader.js';
/** Validation thresholds, declared once. */
export declare const validationDefaults: {
    /** Rows sharing one coordinate that is round (≤ 2 decimals, ~1 km): a placeholder, not a pole with cameras. */
    readonly sharedRoundRows: 20;
    /** Rows sharing any one coordinate: no real site holds this many separate facilities. */
    readonly sharedAnyRows: 100;
    /** Data dates older than this many days are flagged (two years: standard data is meant to be refreshed yearly). */
    readonly staleAfterDays: 730;
    /** Positions sampled to tell projected metres from degrees. */
    readonly crsSample: 2000;
};
/** The placed features of one file and everything found on the way. */
export interface PlacedFeatures {
    readonly store: FeatureStore;
    readonly crs: string;
    readonly problems: ValidationProblem[];
    /** Rows or features left out. */
    readonly quarantined: number;
}
/**
 * The last shared step: chooses the CRS (declared, named by the file, or WGS84 — projected metres with none of these
 * are refused, never guessed), projects the store in place, then judges each feature: region and swapped axes,
 * placeholder coordinates shared by many rows, stale data dates. Suspect features are left out unless `keepSuspect`.
 */
export declare function placeFeatures(store: FeatureStore, file: string, reader: ReaderFacts, stage: StageFacts, options: IngestOptions): PlacedFeatures;
