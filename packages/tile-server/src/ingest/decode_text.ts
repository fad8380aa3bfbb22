import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'cp949';

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Portal downloads are usually CP949 without BOM: BOM → UTF-8, valid UTF-8 → UTF-8, otherwise CP949. */
export function sniffEncoding(bytes: Uint8Array): TextEncoding {
  if (hasUtf8Bom(bytes)) return 'utf-8';
  try {
    utf8Strict.decode(bytes);
    return 'utf-8';
  } catch {
    return 'cp949';
  }
}

/** Decodes to NFC text without a BOM, so Hangul compares and encodes the same whatever the source. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding | 'auto' = 'auto'): { text: string; encoding: TextEncoding } {
  const chosen = encoding === 'auto' ? sniffEncoding(bytes) : encoding;
  const body = chosen === 'utf-8' && hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  const text = chosen === 'utf-8' ? Buffer.from(body).toString('utf8') : iconv.decode(Buffer.from(body), 'cp949');
  return { text: text.normalize('NFC'), encoding: chosen };
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
