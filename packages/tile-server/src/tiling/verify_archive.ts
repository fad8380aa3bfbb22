import { SafeMapError } from '../errors.js';
import { openArchive } from '../archive/open_archive.js';
import type { BuiltTile } from './build_tiles.js';

/**
 * Reads a written archive back through the readers the server uses (the pmtiles package for PMTiles) and checks that
 * every tile is there with exactly the bytes that were checked to decode. Throws WRITE_FAILED naming the first bad
 * tile. The archive is read into memory first: a per-tile file read would cost more than the check.
 */
export async function verifyArchive(file: string, tiles: readonly BuiltTile[], onProgress?: (done: number) => void): Promise<void> {
  const archive = await openArchive(file, { inMemory: true });
  try {
    let done = 0;
    for (const tile of tiles) {
      const bytes = await archive.getTile(tile.z, tile.x, tile.y);
      const where = `${file}: tile ${tile.z}/${tile.x}/${tile.y}`;
      if (!bytes) throw new SafeMapError('WRITE_FAILED', `${where} is missing after writing`);
      if (Buffer.compare(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Buffer.from(tile.data.buffer, tile.data.byteOffset, tile.data.byteLength)) !== 0) {
        throw new SafeMapError('WRITE_FAILED', `${where} reads back different bytes than were written`);
      }
      if (++done % 1024 === 0) onProgress?.(done);
    }
    onProgress?.(done);
  } finally {
    await archive.close();
  }
}
