/**
 * Memory per remembered tile id in a Set of small integers: V8's ordered hash table spends 16 bytes per entry and
 * 4 per bucket, with between one and two slots per entry as it doubles. Measured with
 * `node --expose-gc test/helpers/tile_cache_overhead.mjs` (Node 20, x64): 21 to 40 bytes, 32 to 36 in practice.
 */
export declare const EMPTY_ID_COST = 40;
/**
 * The tiles of one tile set version and zoom known to be empty, as ids `x * 2^z + y`: a few tens of bytes each
 * instead of a cache entry per tile. Bounded by `budget` bytes as two generations: when the newer one is full, the
 * older one is dropped and the newer one takes its place, so ids asked for again survive and stale ones go.
 */
export declare class EmptyTiles {
    private current;
    private previous;
    private readonly perId;
    private readonly generationLimit;
    constructor(budget: number, z: number);
    has(id: number): boolean;
    add(id: number): void;
    get size(): number;
    /** Bytes accounted for this set: at most the budget it was given. */
    get cost(): number;
}
