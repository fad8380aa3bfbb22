import { hasUtf8Bom, sniffDoubleByte, sniffEncoding, SNIFF_BYTES, type TextEncoding } from './decode_text.js';
import { openSource } from './open_source.js';

/**
 * {@link sniffEncoding} on a whole file, read in chunks: what a whole-file read decides, for readers that split the
 * file into shares (a share of ASCII rows alone would pass for UTF-8).
 */
export async function sniffWholeFileEncoding(file: string): Promise<TextEncoding> {
  const handle = await openSource(file);
  try {
    const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let head: Buffer | undefined;
    try {
      for (let position = 0; ; ) {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (position === 0) head = Buffer.from(chunk.subarray(0, Math.min(bytesRead, SNIFF_BYTES)));
        if (position === 0 && hasUtf8Bom(head!)) return 'utf-8';
        if (bytesRead === 0) {
          decoder.decode();
          return 'utf-8';
        }
        decoder.decode(chunk.subarray(0, bytesRead), { stream: true });
        position += bytesRead;
      }
    } catch {
      return sniffDoubleByte(head ?? Buffer.alloc(0));
    }
  } finally {
    await handle.close();
  }
}

/** {@link sniffEncoding} on the first 64 KiB of a file: BOM, UTF-8 validity, then Korean or Japanese double-byte. */
export async function sniffFileEncoding(file: string): Promise<TextEncoding> {
  const handle = await openSource(file);
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    // A full buffer may end inside a character: the UTF-8 check then tolerates the cut.
    return sniffEncoding(buffer.subarray(0, bytesRead), bytesRead === buffer.length);
  } finally {
    await handle.close();
  }
}
