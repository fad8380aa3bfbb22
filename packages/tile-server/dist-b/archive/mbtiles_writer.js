import Database from 'better-sqlite3';
/**
 * Writes an MBTiles 1.3 file as tiles arrive: the `metadata` and `tiles` tables, rows flipped to TMS as the spec
 * requires, `json` carrying `vector_layers`. No journal, one transaction; rows go in the order given, so the same
 * tiles give the same file.
 */
export class MbtilesWriter {
    db;
    insertTile;
    count = 0;
    byteCount = 0;
    constructor(file) {
        this.db = new Database(file);
        this.db.pragma('journal_mode = OFF');
        this.db.pragma('synchronous = OFF');
        this.db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
      CREATE UNIQUE INDEX name ON metadata (name);
      CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
      CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
        this.insertTile = this.db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
        this.db.exec('BEGIN');
    }
    /** Adds a tile's gzip-compressed bytes at XYZ z/x/y. */
    add(z, x, y, gzip) {
        this.insertTile.run(z, x, 2 ** z - 1 - y, Buffer.from(gzip.buffer, gzip.byteOffset, gzip.byteLength));
        this.count += 1;
        this.byteCount += gzip.byteLength;
    }
    get tiles() {
        return this.count;
    }
    get bytes() {
        return this.byteCount;
    }
    finish(metadata) {
        const rows = [
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
            ['json', JSON.stringify({ vector_layers: metadata.vector_layers, ...(metadata.tilestats ? { tilestats: metadata.tilestats } : {}) })],
            ['generator', metadata.generator],
            ['generator_options', metadata.generator_options],
            ['sources', JSON.stringify(metadata.sources)],
        ];
        const insertMeta = this.db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
        for (const [name, value] of rows)
            insertMeta.run(name, value);
        this.db.exec('COMMIT');
        this.db.close();
    }
    abort() {
        if (this.db.open)
            this.db.close();
    }
}
//# sourceMappingURL=mbtiles_writer.js.map