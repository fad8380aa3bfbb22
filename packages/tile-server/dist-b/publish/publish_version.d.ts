import { type PublishPointer } from './publish_pointer.js';
import { type VersionRecord } from './version_record.js';
export interface PublishResult {
    readonly version: string;
    /** The version that was live before, if any. */
    readonly previous: string | undefined;
    /** False when the staged archive is the live version already (same bytes). */
    readonly changed: boolean;
    /** Version archives deleted to keep the configured count. */
    readonly pruned: readonly string[];
}
/** How many versions a tile set keeps on disk when the catalogue does not say: the live one and two to go back to. */
export declare const DEFAULT_KEEP = 3;
export interface PublishVersionOptions {
    readonly keep?: number;
    /** The staged look-up file of the same build. */
    readonly lookups?: string;
    /** What the version was made from; written as `versions/<version>.json`. */
    readonly record?: Omit<VersionRecord, 'version' | 'lookupsSha256'>;
}
/**
 * Makes a verified staged archive the live version of a tile set: moves it to `versions/<hash>.pmtiles` with its
 * look-ups and record, switches `current.json` atomically, then prunes versions beyond `keep` — never the newest
 * version that passed the publish guard, so forced publishes cannot push out the last good one. The version is the
 * archive's content hash, so rebuilding unchanged data changes nothing.
 */
export declare function publishVersion(tilesetDir: string, staged: string, options?: PublishVersionOptions): Promise<PublishResult>;
/** One version kept on disk, newest first in `keptVersions`. */
export interface KeptVersion {
    readonly version: string;
    /** Archive path relative to the tile set folder. */
    readonly archive: string;
    readonly current: boolean;
    /** Build time from the record, else the archive file's modification time. */
    readonly builtAt: string;
    readonly record: VersionRecord | undefined;
}
/** Every version whose archive is on disk (whether the pointer still names it or not), newest build first. */
export declare function keptVersions(tilesetDir: string): Promise<KeptVersion[]>;
/**
 * Switches the live version to `to` (default: the newest kept earlier version). The pointer is marked as a rollback,
 * so the server serves exactly that archive and its look-ups even if the catalogue changed since; versions built
 * after it stay on disk until the next publish prunes them.
 */
export declare function rollbackVersion(tilesetDir: string, to?: string): Promise<{
    from: string;
    to: string;
}>;
/** Deletes version archives, look-ups and records the pointer no longer names. */
export declare function pruneVersions(tilesetDir: string, pointer: PublishPointer): Promise<string[]>;
export declare function sha256File(file: string): Promise<string>;
