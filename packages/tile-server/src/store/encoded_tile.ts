import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A tile ready for the wire: compressed once at creation, never on a request. */
export interface EncodedTile {
  readonly raw: Buffer;
  readonly gzip: Buffer;
  /** Strong ETag, quoted, derived from the uncompressed bytes. */
  readonly etag: string;
  /** Strong ETag of the gzip representation. */
  readonly gzipEtag: string;
}

export function encodeTile(raw: Uint8Array): EncodedTile {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  return encodedFromGzip(gzipSync(buffer, { level: 6 }), buffer);
}

/** Wraps bytes that are already gzip-compressed (as archives store them). */
export function encodedFromGzip(gzip: Buffer, raw: Buffer): EncodedTile {
  const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 27);
  return { raw, gzip, etag: `"${hash}"`, gzipEtag: `"${hash}-gz"` };
}
