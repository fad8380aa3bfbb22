import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveMetadata } from './archive_metadata.js';

/** A tile to store as a file: XYZ coordinates and uncompressed MVT bytes. */
export interface DirectoryTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly data: Uint8Array;
}

/** Writes `z/x/y.mvt` files (uncompressed, as GDAL and static hosts expect) and `metadata.json` into `dir`. */
export async function writeTileDirectory(dir: string, tiles: readonly DirectoryTile[], metadata: ArchiveMetadata): Promise<void> {
  await mkdir(dir, { recursive: true });
  const made = new Set<string>();
  for (const tile of tiles) {
    const column = path.join(dir, String(tile.z), String(tile.x));
    if (!made.has(column)) {
      await mkdir(column, { recursive: true });
      made.add(column);
    }
    await writeFile(path.join(column, `${tile.y}.mvt`), tile.data);
  }
  await writeFile(path.join(dir, 'metadata.json'), `${JSON.stringify({ tilejson: '3.0.0', format: 'pbf', ...metadata }, null, 2)}\n`);
}
