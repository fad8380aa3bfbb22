/**
 * Records that this process serves `catalogFile`, so `safemap reload` can signal it; returns the function that removes
 * the record (at shutdown). A record left by a process that died is ignored and removed by the next look-up.
 */
export declare function registerServer(catalogFile: string): () => void;
/** Process ids of the live servers of this machine that serve `catalogFile`. */
export declare function serversOf(catalogFile: string): number[];
