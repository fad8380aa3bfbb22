import { type VersionRecord } from './version_record.js';
/** The live (published) version of a tile set: its features per layer and where its look-ups are. */
export interface LiveVersion {
    readonly version: string;
    readonly featuresPerLayer: Record<string, number>;
    /** Absolute path of the version's look-up file (may be missing for very old versions). */
    readonly lookups: string;
    readonly record: VersionRecord | undefined;
}
/**
 * What `current.json` of a tile set folder points at, with its counts from the version record, or from the
 * archive's own statistics (tippecanoe-style `tilestats`) for versions published before records existed.
 * Null when nothing is published.
 */
export declare function readLiveVersion(tilesetDir: string): Promise<LiveVersion | null>;
/** Features per layer from an archive's `tilestats`. */
export declare function archiveCounts(file: string): Promise<Record<string, number>>;
