/** `current.json` of a published tile set: which version is live and which earlier ones are kept, newest first. */
export interface PublishPointer {
    readonly version: string;
    /** Archive path relative to the tile set's folder, e.g. `versions/3f2a….pmtiles`. */
    readonly archive: string;
    readonly history: readonly string[];
    /**
     * Set by `safemap rollback`: serve exactly this version, even when the catalogue has changed since it was built
     * (the server otherwise builds the current configuration itself). The next publish clears it.
     */
    readonly rollback?: true;
}
export declare const POINTER_FILE = "current.json";
/** The pointer of a tile set folder, or undefined when nothing was ever published there. */
export declare function readPointer(tilesetDir: string): Promise<PublishPointer | undefined>;
/** Replaces the pointer atomically: write a temporary file, flush it, rename it over the old one. */
export declare function writePointer(tilesetDir: string, pointer: PublishPointer): Promise<void>;
/** Path of a version's archive inside a tile set folder. */
export declare function versionArchive(version: string): string;
/** Path of a version's look-up file (its features for `/features`), beside its archive. */
export declare function versionLookups(version: string): string;
/** Path of a version's record (when it was built, from what, how many features, whether it passed the guard). */
export declare function versionRecordFile(version: string): string;
