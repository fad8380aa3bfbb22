/**
 * A tile ready for the wire, held only as its gzip bytes: clients that accept gzip (every browser and MapLibre) get
 * them as they are; the rare client that does not gets them inflated per request in the libuv pool (`inflateTile`).
 */
export interface EncodedTile {
    /** The gzip bytes, alone in an ArrayBuffer of exactly their size, so holding them keeps nothing else alive. */
    readonly gzip: Uint8Array;
    /** Strong ETag of the gzip representation, quoted, from a hash of the gzip bytes. */
    readonly gzipEtag: string;
}
/**
 * Wraps bytes that are already gzip-compressed (as archives store them). The bytes are copied into a fresh
 * exact-size buffer: a view into a file read buffer, a zlib output chunk or Buffer's shared 8 KiB pool would
 * otherwise keep the whole of that alive for as long as the tile is cached.
 */
export declare function encodedFromGzip(gzipped: Uint8Array): EncodedTile;
/**
 * Strong ETag of the uncompressed representation, derived from the gzip one without inflating anything: equal gzip
 * bytes always inflate to equal bytes, so a validator of the gzip bytes also validates what they inflate to.
 */
export declare function rawEtag(tile: EncodedTile): string;
/**
 * The uncompressed MVT bytes, inflated in the libuv pool so the event loop never waits on zlib. Bytes that do not
 * inflate (an archive damaged after its check) are a temporary 503, like any other unreadable tile.
 */
export declare function inflateTile(tile: EncodedTile): Promise<Buffer>;
/** Compresses uncompressed MVT bytes (a tile directory may store them so) in the libuv pool. */
export declare function compressTile(raw: Uint8Array): Promise<EncodedTile>;
/**
 * Compresses on the calling thread. Only live slicing uses it, which already cuts on the calling thread; archives
 * go through encodedFromGzip or compressTile.
 */
export declare function encodeTile(raw: Uint8Array): EncodedTile;
/**
 * True when gzip bytes inflate to nothing, read from the trailer's size field (RFC 1952 ISIZE) instead of inflating:
 * an archive may store an empty tile so, and it must answer 204 like a missing one.
 */
export declare function isEmptyGzip(bytes: Uint8Array): boolean;
