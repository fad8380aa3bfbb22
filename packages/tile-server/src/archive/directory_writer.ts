import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArchiveMetadata } from './archive_metadata.js';

/** Writes `z/x/y.mvt` files (uncompressed, as GDAL and static hosts expect) and, at the end, `metadata.json`. */
export class DirectoryWriter {
  private readonly made = new Set<string>();
  private count = 0;
  private byteCount = 0;

  constructor(private readonly dir: string) {}

  async add(z: number, x: number, y: number, raw: Uint8Array): Promise<void> {
    const column = path.join(this.dir, String(z), String(x));
    if (!this.made.has(column)) {
      await mkdir(column, { recursive: true });
      this.made.add(column);
    }
    await writeFile(path.join(column, `${y}.mvt`), raw);
    this.count += 1;
    this.byteCount += raw.byteLength;
  }

  get tiles(): number {
    return this.count;
  }

  get bytes(): number {
    return this.byteCount;
  }

  async finish(metadata: ArchiveMetadata): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, 'metadata.json'), `${JSON.stringify({ tilejson: '3.0.0', format: 'pbf', ...metadata }, null, 2)}\n`);
  }
}
