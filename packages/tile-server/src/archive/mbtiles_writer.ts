import Database from 'better-sqlite3';
import type { ArchiveMetadata } from './archive_metadata.js';

/** A tile to store in MBTiles: XYZ coordinates and gzip-compressed bytes. */
export interface MbtilesTile {
  readonly z: number;
  readonly x: number;
  readonly y: number;
  readonly data: Uint8Array;
}

/**
 * Writes an MBTiles 1.3 file: the `metadata` and `tiles` tables, rows flipped to TMS as the spec requires, `json`
 * carrying `vector_layers`. Rows go in a fixed order with no journal, so the same tiles give the same file.
 */
export function writeMbtiles(file: string, tiles: readonly MbtilesTile[], metadata: ArchiveMetadata): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
      CREATE UNIQUE INDEX name ON metadata (name);
      CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
      CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
    const rows: Array<[string, string]> = [
      ['name', metadata.name],
      ['description', metadata.description],
      ['attribution', metadata.attribution],
      ['format', 'pbf'],
      ['type', 'overlay'],
      ['version', '2'],
      ['minzoom', String(metadata.minzoom)],
      ['maxzoom', String(metadata.maxzoom)],
      ['bounds', metadata.bounds.join(',')],
      ['center', metadata.center.join(',')],
      ['json', JSON.stringify({ vector_layers: metadata.vector_layers })],
      ['generator', metadata.generator],
      ['generator_options', metadata.generator_options],
      ['sources', JSON.stringify(metadata.sources)],
    ];
    const insertMeta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    const insertTile = db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const [name, value] of rows) insertMeta.run(name, value);
      for (const tile of tiles) insertTile.run(tile.z, tile.x, 2 ** tile.z - 1 - tile.y, Buffer.from(tile.data.buffer, tile.data.byteOffset, tile.data.byteLength));
    })();
  } finally {
    db.close();
  }
}
