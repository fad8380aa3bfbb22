import Database from 'better-sqlite3';
/**
 * Answers "what is here" and "which feature is this" from the look-up file written beside an archive version
 * (see write_lookups.ts). Queries are indexed (R*Tree, B-tree) and bounded by their limit, so a national layer costs
 * the server no memory and each look-up a millisecond or so.
 */
export class FeatureLookup {
    db;
    searchAll;
    searchLayer;
    byId;
    ofLayer;
    counted;
    text;
    constructor(db) {
        this.db = db;
        const select = 'SELECT f.layer, f.fid, f.lon, f.lat, f.properties, f.geometry FROM boxes b JOIN features f ON f.rowid = b.rowid';
        const within = 'b.east >= ? AND b.west <= ? AND b.north >= ? AND b.south <= ?';
        this.searchAll = db.prepare(`${select} WHERE ${within} ORDER BY f.rowid LIMIT ?`);
        this.searchLayer = db.prepare(`${select} WHERE ${within} AND f.layer = ? ORDER BY f.rowid LIMIT ?`);
        this.byId = db.prepare('SELECT layer, fid, lon, lat, properties, geometry FROM features WHERE layer = ? AND fid = ?');
        const entry = 'f.layer, f.fid, COALESCE(f.lon, (b.west + b.east) / 2) AS lon, COALESCE(f.lat, (b.south + b.north) / 2) AS lat, f.properties';
        this.ofLayer = db.prepare(`SELECT ${entry} FROM features f JOIN boxes b ON b.rowid = f.rowid WHERE f.layer = ? ORDER BY f.fid`);
        this.counted = db.prepare('SELECT count(*) AS n FROM features WHERE layer = ?');
        // Versions written before the full-text table existed still serve tiles and look-ups; their search finds nothing.
        const hasText = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search'").get() !== undefined;
        const match = db.prepare(`SELECT ${entry} FROM search s JOIN features f ON f.rowid = s.rowid JOIN boxes b ON b.rowid = s.rowid WHERE search MATCH ? AND s.rowid BETWEEN ? AND ? ORDER BY s.rowid LIMIT ?`);
        const layers = new Map(db.prepare('SELECT id, first, last FROM layers').all().map((row) => [row.id, [row.first, row.last]]));
        this.text = hasText ? { match, layers } : undefined;
    }
    /** Features in `layer`. */
    count(layer) {
        return this.counted.get(layer).n;
    }
    /** Every feature of a layer with one representative point (a point itself, else its bounding box centre). */
    *entries(layer) {
        for (const row of this.ofLayer.iterate(layer)) {
            yield { layer: row.layer, id: row.fid, lon: row.lon, lat: row.lat, properties: JSON.parse(row.properties) };
        }
    }
    /**
     * Features of `layer` whose `column` texts hold every token of `match` (see search/text_search.ts), in file order, at
     * most `limit`: candidates for the caller to check and rank.
     */
    textCandidates(match, column, layer, limit) {
        const range = this.text?.layers.get(layer);
        if (!this.text || !range)
            return [];
        const rows = this.text.match.all(`{${column}} : (${match})`, range[0], range[1], limit);
        return rows.map((row) => ({ layer: row.layer, id: row.fid, lon: row.lon, lat: row.lat, properties: JSON.parse(row.properties) }));
    }
    static open(file) {
        return new FeatureLookup(new Database(file, { readonly: true, fileMustExist: true }));
    }
    /** Features whose bounding box meets `bbox`, optionally of one layer, at most `limit`, in layer and file order. */
    search(bbox, options = {}) {
        const [west, south, east, north] = bbox;
        const limit = options.limit ?? 100;
        const rows = (options.layer === undefined ? this.searchAll.all(west, east, south, north, limit) : this.searchLayer.all(west, east, south, north, options.layer, limit));
        return rows.map((row) => ({ layer: row.layer, feature: toFeature(row) }));
    }
    get(layer, id) {
        const row = this.byId.get(layer, id);
        return row ? toFeature(row) : undefined;
    }
    close() {
        if (this.db.open)
            this.db.close();
    }
}
function toFeature(row) {
    const properties = Object.assign(Object.create(null), JSON.parse(row.properties));
    const geometry = row.geometry ? JSON.parse(row.geometry) : { type: 'Point', coordinates: [row.lon, row.lat] };
    return { id: row.fid, geometry, properties };
}
//# sourceMappingURL=feature_lookup.js.map