import { createHash } from 'node:crypto';
import { open, readFile, rename, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Cuts a file to `bytes` in place (same inode), as a copy interrupted half-way or a full disk leaves it. */
export async function truncateInPlace(file: string, bytes: number): Promise<void> {
  await truncate(file, bytes);
}

/** Inverts one bit at `offset` in place, as bit rot or a faulty disk does. */
export async function flipBit(file: string, offset: number, bit = 0): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, offset);
    byte[0] = byte[0]! ^ (1 << bit);
    await handle.write(byte, 0, 1, offset);
  } finally {
    await handle.close();
  }
}

/** Overwrites the first bytes of a file (its magic number) in place. */
export async function overwriteStart(file: string, bytes: Buffer): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.write(bytes, 0, bytes.length, 0);
  } finally {
    await handle.close();
  }
}

/** The version name the publish pipeline gives an archive: the first 16 hex digits of its SHA-256. */
export async function versionOf(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex').slice(0, 16);
}

/** Writes a tile set's `current.json` the way the pipeline does: a temporary file renamed over the old one. */
export async function writePointerFile(tilesetDir: string, pointer: { version: string; archive: string; history: string[] }): Promise<void> {
  const temporary = path.join(tilesetDir, `.current.json.test-${process.pid}`);
  await writeFile(temporary, `${JSON.stringify(pointer, null, 2)}\n`);
  await rename(temporary, path.join(tilesetDir, 'current.json'));
}
