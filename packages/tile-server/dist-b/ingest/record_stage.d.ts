import { FeatureStore, type OriginKind, type PropertyValue } from './feature_store.js';
import type { IngestOptions, ValidationProblem } from './ingest_types.js';
/** One record as a reader gives it: a raw GeoJSON geometry in the file's own coordinates, and raw properties. */
export interface RawRecord {
    readonly geometry: unknown;
    /** Property values as read: CSV cells are text (typed here), GeoJSON values keep their JSON types. */
    readonly properties: Readonly<Record<string, unknown>>;
    /** CSV line of the row, or the feature's 0-based index in a GeoJSON file. */
    readonly origin: number;
    /** NDJSON: the line a feature is on, for messages. */
    readonly line?: number;
}
/** Which properties a layer publishes: a catalogue allow-list with declared types, or `-y` names as read. */
export type PropertyPolicy = {
    readonly kind: 'all';
} | {
    readonly kind: 'include';
    readonly names: ReadonlySet<string>;
} | {
    readonly kind: 'allowList';
    readonly types: Readonly<Record<string, 'string' | 'number' | 'boolean'>>;
    readonly fields: Readonly<Record<string, string>>;
};
/** What the stage learned about a file besides its features, mergeable across the parts read in parallel. */
export interface StageFacts {
    rows: number;
    problems: ValidationProblem[];
    dates: Array<[string, {
        rows: number;
        line?: number;
        feature?: number;
    }]>;
    korean: boolean;
    /**
     * Per stored feature, what its address names: province (1-based into `provinces` of korea_land.ts) × 2^24 + a
     * 24-bit hash of its district (second word), 0 when unknown. Absent when no address was found.
     * Read before the publishing policy, so positions can be checked against addresses that are not published.
     */
    addressHints?: number[];
}
/**
 * The one stage every reader's records go through: geometry structure and kind, property typing (CSV text → numbers
 * where canonical; NFC text), data dates, the Korean-data hint, and the publishing policy, then into the compact
 * store with coordinates still as read. Readers know formats; this knows features.
 */
export declare class RecordStage {
    private readonly file;
    private readonly options;
    private readonly policy;
    /** CSV cells are text to be typed; GeoJSON values already carry their types. */
    private readonly textCells;
    readonly store: FeatureStore;
    readonly problems: ValidationProblem[];
    private readonly dates;
    private readonly dateKeys;
    private readonly koreanSample;
    private korean;
    private addressKeys;
    private addressHints;
    private addressFound;
    /** CSV columns with at least one cell that is not a canonical number: these stay text. */
    private readonly textColumns;
    private finished;
    rows: number;
    constructor(file: string, originKind: OriginKind, options: Pick<IngestOptions, 'geometry' | 'requiredFields'>, policy: PropertyPolicy, 
    /** CSV cells are text to be typed; GeoJSON values already carry their types. */
    textCells: boolean);
    push(record: RawRecord): void;
    /**
     * Types each CSV column once, from all its cells: a column whose every value is a canonical number becomes numbers;
     * one with any text stays text throughout, so `12` in a column of names stays "12" and `vector_layers` tells the
     * truth. Columns typed by a catalogue allow-list keep their declared types.
     */
    finish(): void;
    facts(): StageFacts;
    /** Keeps what a row's address says about where it is; gives up after 1,000 rows without one. */
    private noteAddress;
    private typed;
    private publish;
}
/** Combines the facts of parts read in order into the facts of the whole file. */
export declare function mergeFacts(parts: readonly StageFacts[]): StageFacts;
/** A row's address as a number: province × 2^24 + a hash of its district (second word); 0 when no province is named. */
export declare function addressHint(address: string): number;
/** The catalogue's declared type: text is trimmed, "1,200" is 1200, yes/no words are booleans; otherwise left out. */
export declare function coerceToType(value: PropertyValue, type: 'string' | 'number' | 'boolean'): PropertyValue | undefined;
