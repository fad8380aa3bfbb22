/** What the running server said about a tile set after a rollback. */
export type ServedCheck = {
    readonly state: 'serving';
    readonly seconds: number;
} | {
    readonly state: 'other';
    readonly version: string | undefined;
    readonly status: number;
} | {
    readonly state: 'no-server';
    readonly reason: string;
};
/**
 * Polls the tile set's TileJSON on the running server until it hands out `version` (the server follows a pointer
 * within about a second), for at most `waitMs`. Distinguishes a server that answers with another version (it did
 * not follow: its log says why) from no server at all (nothing to confirm; the pointer is what a server reads at
 * start-up).
 */
export declare function confirmServed(server: string, tileset: string, version: string, waitMs: number): Promise<ServedCheck>;
/** Polls the server's `/readyz` until it reports catalogue `revision` (see LoadedCatalog), as `confirmServed` does. */
export declare function confirmCatalog(server: string, revision: string, waitMs: number): Promise<ServedCheck>;
