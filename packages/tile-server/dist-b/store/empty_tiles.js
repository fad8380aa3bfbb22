/**
 * Memory per remembered tile id in a Set of small integers: V8's ordered hash table spends 16 bytes per entry and
 * 4 per bucket, with between one and two slots per entry as it doubles. Measured with
 * `node --expose-gc test/helpers/tile_cache_overhead.mjs` (Node 20, x64): 21 to 40 bytes, 32 to 36 in practice.
 */
export const EMPTY_ID_COST = 40;
/** Ids above 2^31 (zoom 16 and beyond) no longer fit in a small integer: V8 boxes each in a 16-byte heap number. */
const BOXED_ID_COST = 16;
/** The object, its two Sets and their smallest tables. */
const SET_OVERHEAD = 256;
/**
 * The tiles of one tile set version and zoom known to be empty, as ids `x * 2^z + y`: a few tens of bytes each
 * instead of a cache entry per tile. Bounded by `budget` bytes as two generations: when the newer one is full, the
 * older one is dropped and the newer one takes its place, so ids asked for again survive and stale ones go.
 */
export class EmptyTiles {
    current = new Set();
    previous = new Set();
    perId;
    generationLimit;
    constructor(budget, z) {
        this.perId = EMPTY_ID_COST + (z > 15 ? BOXED_ID_COST : 0);
        this.generationLimit = Math.max(16, Math.floor((budget - SET_OVERHEAD) / 2 / this.perId));
    }
    has(id) {
        if (this.current.has(id))
            return true;
        if (!this.previous.has(id))
            return false;
        // Moved into the newer generation while it has room: the count, and so the cost, stays the same.
        if (this.current.size < this.generationLimit) {
            this.previous.delete(id);
            this.current.add(id);
        }
        return true;
    }
    add(id) {
        if (this.has(id))
            return;
        if (this.current.size >= this.generationLimit) {
            this.previous = this.current;
            this.current = new Set();
        }
        this.current.add(id);
    }
    get size() {
        return this.current.size + this.previous.size;
    }
    /** Bytes accounted for this set: at most the budget it was given. */
    get cost() {
        return SET_OVERHEAD + this.size * this.perId;
    }
}
//# sourceMappingURL=empty_tiles.js.map