/**
 * Private copies of the published files a server serves, each hashed after copying and served only if it matches
 * its version. A published file can be rewritten in place after it was verified (a careless `cp` over it, a disk
 * error, a tool "fixing" it); an open descriptor would see such a change, because it is the same inode, so it
 * cannot protect the tiles. A copy in a folder only this process writes (mode 0700) can: what residents get is
 * what was verified, until a good version replaces it. On file systems with reflinks (btrfs, XFS) the copy costs
 * no space until the original changes.
 *
 * Each load records which copies it used; copies no load still uses are removed by `sweep` (open ones stay readable
 * until their registry closes, as POSIX keeps unlinked files).
 */
export declare class VerifiedCopies {
    private readonly root;
    private readonly made;
    private touched;
    private inUse;
    private constructor();
    static create(parent?: string): Promise<VerifiedCopies>;
    /** Starts a registry load: copies used from now on belong to it. */
    beginLoad(): void;
    /** The load succeeded and its registry is served: its copies are the ones to keep. */
    commitLoad(): void;
    /**
     * A verified private copy of a published archive (and its look-ups): copied, hashed, compared with `version`
     * (and `lookupsSha256` when recorded). When a copy of this version was already made, the published file is
     * checked again (cheaply, unless it changed) so a file damaged since is still refused, and the copy is reused.
     * Throws ARCHIVE_INVALID naming the published file. Tile directories are served in place.
     */
    copy(archive: string, version: string, lookups: string | undefined, lookupsSha256: string | undefined): Promise<{
        archive: string;
        lookups: string | undefined;
    }>;
    /** Removes copies that neither the served registries nor a load in progress use. */
    sweep(): Promise<void>;
    close(): Promise<void>;
    private copyChecked;
}
