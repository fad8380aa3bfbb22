import Database from 'better-sqlite3';
import { geometryBounds } from '../ingest/feature_store.js';
import { searchTokens } from '../search/text_search.js';
/** Rows per transaction: large enough to amortise the commit, small enough to bound the journal. */
const BATCH = 50_000;
/**
 * Writes the look-up file that sits beside an archive version: every feature of every layer with its published
 * properties and geometry, an R*Tree over their bounding boxes, and a full-text index of their names and addresses.
 * The server answers `/features` and search from this file, so look-ups always describe the same build as the tiles,
 * and a national layer costs the server neither memory nor an index built at its first query.
 */
export function writeLookups(file, layers) {
    const db = new Database(file);
    try {
        db.pragma('journal_mode = OFF');
        db.pragma('synchronous = OFF');
        db.exec(`CREATE TABLE features (rowid INTEGER PRIMARY KEY, layer TEXT NOT NULL, fid INTEGER NOT NULL, lon REAL, lat REAL, properties TEXT NOT NULL, geometry TEXT);
      CREATE VIRTUAL TABLE boxes USING rtree(rowid, west, east, south, north);
      CREATE TABLE layers (id TEXT PRIMARY KEY, first INTEGER NOT NULL, last INTEGER NOT NULL);
      CREATE VIRTUAL TABLE search USING fts5(names, places, content='', columnsize=0, detail=column, tokenize='ascii');`);
        const insert = db.prepare('INSERT INTO features (rowid, layer, fid, lon, lat, properties, geometry) VALUES (?, ?, ?, ?, ?, ?, ?)');
        const box = db.prepare('INSERT INTO boxes (rowid, west, east, south, north) VALUES (?, ?, ?, ?, ?)');
        const text = db.prepare('INSERT INTO search (rowid, names, places) VALUES (?, ?, ?)');
        const layer = db.prepare('INSERT INTO layers (id, first, last) VALUES (?, ?, ?)');
        let rowid = 0;
        for (const { id, store } of layers) {
            // Each layer's rows are one range of row ids, so a search can stay inside one layer at no cost.
            layer.run(id, rowid + 1, rowid + store.length);
            for (let start = 0; start < store.length; start += BATCH) {
                db.transaction(() => {
                    for (let index = start; index < Math.min(store.length, start + BATCH); index++) {
                        rowid += 1;
                        const values = store.properties(index);
                        const properties = JSON.stringify(values);
                        const tokens = searchTokens(values);
                        if (tokens)
                            text.run(rowid, tokens.names, tokens.places);
                        if (store.isPoint(index)) {
                            const lon = store.x[index];
                            const lat = store.y[index];
                            insert.run(rowid, id, index, lon, lat, properties, null);
                            box.run(rowid, lon, lon, lat, lat);
                        }
                        else {
                            const geometry = store.geometry(index);
                            const [west, south, east, north] = geometryBounds(geometry);
                            insert.run(rowid, id, index, null, null, properties, JSON.stringify(geometry));
                            box.run(rowid, west, east, south, north);
                        }
                    }
                })();
            }
        }
        db.exec('CREATE INDEX by_feature ON features (layer, fid)');
    }
    finally {
        db.close();
    }
}
//# sourceMappingURL=write_lookups.js.map