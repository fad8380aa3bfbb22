/** Settings of the bound on tile generation. */
export interface WorkLimiterOptions {
    /** Generations running at once. */
    maxRunning: number;
    /** Generations waiting for a slot; beyond this, requests are shed instead of queued. */
    maxQueued: number;
    /** Seconds a shed client is told to wait (`Retry-After`). */
    retryAfterSeconds: number;
}
/**
 * Bounds concurrent cache-miss tile generations per process. Work beyond `maxRunning + maxQueued` is refused at once
 * with an OVERLOADED error, so a flood of uncached tiles costs a fixed amount of memory and cached tiles keep flowing.
 * Each job starts on its own turn of the event loop, so a burst of slicing never starves cache hits.
 */
export declare class WorkLimiter {
    readonly options: WorkLimiterOptions;
    private running;
    private readonly queue;
    constructor(options: WorkLimiterOptions);
    /** Runs `work` when a slot is free; rejects with OVERLOADED right away when the queue is full. */
    run<T>(work: () => T | Promise<T>): Promise<T>;
    /** Generations running or waiting. */
    get pending(): number;
}
