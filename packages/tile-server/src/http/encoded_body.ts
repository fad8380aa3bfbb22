import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Request, Response } from 'express';
import { acceptedEncodings } from './static_assets.js';

type Encoding = '' | 'br' | 'gzip';

interface Variant {
  readonly bytes: Buffer;
  readonly etag: string;
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * A large answer sent unchanged to many clients (a layer's point list: megabytes for a national layer). Each encoding
 * is made once, in the libuv pool, and kept with its validator; the compression middleware would compress and hash
 * it again for every resident who asks for the nearest shelter.
 */
export class EncodedBody {
  private readonly variants = new Map<Encoding, Promise<Variant>>();

  constructor(private readonly plain: Buffer) {}

  /** Sends the variant the request accepts (brotli, then gzip, else plain), with its own ETag; 304 when fresh. */
  async send(req: Request, res: Response): Promise<void> {
    const encoding: Encoding = acceptedEncodings(req.get('accept-encoding'))[0] ?? '';
    const { bytes, etag } = await this.variant(encoding);
    res.vary('Accept-Encoding').set('ETag', etag);
    if (encoding) res.set('Content-Encoding', encoding);
    res.send(bytes);
  }

  private variant(encoding: Encoding): Promise<Variant> {
    let found = this.variants.get(encoding);
    if (found === undefined) {
      found = encode(this.plain, encoding).then((bytes) => ({ bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` }));
      // A failed encoding is tried again by the next request rather than kept.
      found.catch(() => this.variants.delete(encoding));
      this.variants.set(encoding, found);
    }
    return found;
  }
}

function encode(plain: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') return brotliAsync(plain, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } });
  if (encoding === 'gzip') return gzipAsync(plain, { level: 6 });
  return Promise.resolve(plain);
}
