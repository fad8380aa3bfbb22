import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip, gzipSync } from 'node:zlib';
import { SafeMapError } from '../errors.js';

const gunzipAsync = promisify(gunzip);
const gzipAsync = promisify(gzip);

/**
 * A tile ready for the wire, held only as its gzip bytes: clients that accept gzip (every browser and MapLibre) get
 * them as they are; the rare client that does not gets them inflated per request in the libuv pool (`inflateTile`).
 */
export interface EncodedTile {
  /**
   * The gzip bytes, alone in an ArrayBuffer of exactly their size, so holding them keeps nothing else alive. A Buffer
   * when made here (see encodedFromGzip).
   */
  readonly gzip: Uint8Array;
  /** Strong ETag of the gzip representation, quoted, from a hash of the gzip bytes. */
  readonly gzipEtag: string;
}

const GZIP_SUFFIX = '-gz"';

/**
 * Wraps bytes that are already gzip-compressed (as archives store them). The bytes are copied into a fresh
 * exact-size buffer: a view into a file read buffer, a zlib output chunk or Buffer's shared 8 KiB pool would
 * otherwise keep the whole of that alive for as long as the tile is cached.
 */
export function encodedFromGzip(gzipped: Uint8Array): EncodedTile {
  // A Buffer, not a plain Uint8Array: a socket wraps every Uint8Array it is given in a Buffer, once per request.
  // allocUnsafeSlow takes no slice of the shared pool; every byte is written at once.
  const own = Buffer.allocUnsafeSlow(gzipped.byteLength);
  own.set(gzipped);
  const hash = createHash('sha256').update(own).digest('base64url').slice(0, 27);
  return { gzip: own, gzipEtag: `"${hash}${GZIP_SUFFIX}` };
}

/**
 * Strong ETag of the uncompressed representation, derived from the gzip one without inflating anything: equal gzip
 * bytes always inflate to equal bytes, so a validator of the gzip bytes also validates what they inflate to.
 */
export function rawEtag(tile: EncodedTile): string {
  return `${tile.gzipEtag.slice(0, -GZIP_SUFFIX.length)}"`;
}

/**
 * The uncompressed MVT bytes, inflated in the libuv pool so the event loop never waits on zlib. Bytes that do not
 * inflate (an archive damaged after its check) are a temporary 503, like any other unreadable tile.
 */
export async function inflateTile(tile: EncodedTile): Promise<Buffer> {
  try {
    return await gunzipAsync(tile.gzip);
  } catch (error) {
    throw new SafeMapError('TILESET_UNAVAILABLE', 'this tile set cannot be read right now; try again later', { retryAfter: 30 }, { cause: error });
  }
}

/** Compresses uncompressed MVT bytes (a tile directory may store them so) in the libuv pool. */
export async function compressTile(raw: Uint8Array): Promise<EncodedTile> {
  return encodedFromGzip(await gzipAsync(raw, { level: 6 }));
}

/**
 * Compresses on the calling thread. Only live slicing uses it, which already cuts on the calling thread; archives
 * go through encodedFromGzip or compressTile.
 */
export function encodeTile(raw: Uint8Array): EncodedTile {
  return encodedFromGzip(gzipSync(raw, { level: 6 }));
}

/**
 * True when gzip bytes inflate to nothing, read from the trailer's size field (RFC 1952 ISIZE) instead of inflating:
 * an archive may store an empty tile so, and it must answer 204 like a missing one.
 */
export function isEmptyGzip(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return n >= 18 && n <= 64 && bytes[n - 1] === 0 && bytes[n - 2] === 0 && bytes[n - 3] === 0 && bytes[n - 4] === 0;
}
