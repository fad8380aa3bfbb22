/**
 * Checks that tiles decode (@mapbox/vector-tile, every feature) and gzips them in worker threads, a batch at a time,
 * so tiling goes on while earlier tiles compress; results come back in the order batches were given. Without the
 * compiled worker beside this file (running from TypeScript sources) the work is done in the calling thread.
 */
export declare class CompressPool {
    private readonly gzip;
    private readonly describe;
    private readonly workers;
    private readonly queues;
    private next;
    private failure;
    constructor(gzip: boolean, describe: (tile: number) => string, threads?: number);
    /** Batches that fit in flight before the caller should wait: two per worker keeps them all busy. */
    get capacity(): number;
    static get batchSize(): number;
    /**
     * Checks (and gzips) one batch; `first` is the batch's position among all tiles, for error messages. Resolves
     * with the gzipped tiles (or the inputs, checked, without gzip).
     */
    run(tiles: Uint8Array[], first: number): Promise<Uint8Array[]>;
    close(): Promise<void>;
    private fail;
}
