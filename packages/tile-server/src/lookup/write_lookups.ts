import Database from 'better-sqlite3';
import { geometryBounds, type FeatureStore } from '../ingest/feature_store.js';

/** Rows per transaction: large enough to amortise the commit, small enough to bound the journal. */
const BATCH = 50_000;

/**
 * Writes the look-up file that sits beside an archive version: every feature of every layer with its published
 * properties and geometry, and an R*Tree over their bounding boxes. The server answers `/features` (and search) from
 * this file, so look-ups always describe the same build as the tiles, and nothing is held in the server's memory.
 */
export function writeLookups(file: string, layers: ReadonlyArray<{ id: string; store: FeatureStore }>): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(`CREATE TABLE features (rowid INTEGER PRIMARY KEY, layer TEXT NOT NULL, fid INTEGER NOT NULL, lon REAL, lat REAL, properties TEXT NOT NULL, geometry TEXT);
      CREATE VIRTUAL TABLE boxes USING rtree(rowid, west, east, south, north);`);
    const insert = db.prepare('INSERT INTO features (rowid, layer, fid, lon, lat, properties, geometry) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const box = db.prepare('INSERT INTO boxes (rowid, west, east, south, north) VALUES (?, ?, ?, ?, ?)');
    let rowid = 0;
    for (const { id, store } of layers) {
      for (let start = 0; start < store.length; start += BATCH) {
        db.transaction(() => {
          for (let index = start; index < Math.min(store.length, start + BATCH); index++) {
            rowid += 1;
            const properties = JSON.stringify(store.properties(index));
            if (store.isPoint(index)) {
              const lon = store.x[index]!;
              const lat = store.y[index]!;
              insert.run(rowid, id, index, lon, lat, properties, null);
              box.run(rowid, lon, lon, lat, lat);
            } else {
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
  } finally {
    db.close();
  }
}
