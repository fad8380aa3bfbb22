import { open } from 'node:fs/promises';
import { SafeMapError } from '../errors.js';

/** BOM → UTF-8; a valid UTF-8 start → UTF-8; else CP949. Only the first 64 KiB are looked at. */
export async function sniffFileEncoding(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
    try {
      // stream: true tolerates a character cut at the 64 KiB boundary.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: bytesRead === buffer.length });
      return 'utf-8';
    } catch {
      return 'cp949';
    }
  } finally {
    await handle.close();
  }
}
