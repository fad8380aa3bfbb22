import Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import type { PropertyValue } from '../ingest/feature_store.js';
import type { SearchColumn, SearchEntry } from '../search/text_search.js';

export type BBox = readonly [west: number, south: number, east: number, north: number];

/** A feature as look-ups return it: its id within its layer, WGS84 geometry and published properties. */
export interface FoundFeature {
  readonly id: number;
  readonly geometry: Geometry;
  readonly properties: Readonly<Record<string, PropertyValue>>;
}

interface EntryRow {
  layer: string;
  fid: number;
  lon: number;
  lat: number;
  properties: string;
}

interface Row {
  layer: string;
  fid: number;
  lon: number | null;
  lat: number | null;
  properties: string;
  geometry: string | null;
}

/**
 * Answers "what is here" and "which feature is this" from the look-up file written beside an archive version
 * (see write_lookups.ts). Queries are indexed (R*Tree, B-tree) and bounded by their limit, so a national layer costs
 * the server no memory and each look-up a millisecond or so.
 */
export class FeatureLookup {
  private readonly searchAll: Database.Statement;
  private readonly searchLayer: Database.Statement;
  private readonly byId: Database.Statement;
  private readonly ofLayer: Database.Statement;
  private readonly counted: Database.Statement;
  private readonly text: { match: Database.Statement; layers: ReadonlyMap<string, readonly [number, number]> } | undefined;

  private constructor(private readonly db: Database.Database) {
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
    const layers = new Map((db.prepare('SELECT id, first, last FROM layers').all() as Array<{ id: string; first: number; last: number }>).map((row) => [row.id, [row.first, row.last] as const]));
    this.text = hasText ? { match, layers } : undefined;
  }

  /** Features in `layer`. */
  count(layer: string): number {
    return (this.counted.get(layer) as { n: number }).n;
  }

  /** Every feature of a layer with one representative point (a point itself, else its bounding box centre). */
  *entries(layer: string): Iterable<SearchEntry> {
    for (const row of this.ofLayer.iterate(layer) as Iterable<EntryRow>) {
      yield { layer: row.layer, id: row.fid, lon: row.lon, lat: row.lat, properties: JSON.parse(row.properties) as Record<string, PropertyValue> };
    }
  }

  /**
   * Features of `layer` whose `column` texts hold every token of `match` (see search/text_search.ts), in file order, at
   * most `limit`: candidates for the caller to check and rank.
   */
  textCandidates(match: string, column: SearchColumn, layer: string, limit: number): SearchEntry[] {
    const range = this.text?.layers.get(layer);
    if (!this.text || !range) return [];
    const rows = this.text.match.all(`{${column}} : (${match})`, range[0], range[1], limit) as EntryRow[];
    return rows.map((row) => ({ layer: row.layer, id: row.fid, lon: row.lon, lat: row.lat, properties: JSON.parse(row.properties) as Record<string, PropertyValue> }));
  }

  static open(file: string): FeatureLookup {
    return new FeatureLookup(new Database(file, { readonly: true, fileMustExist: true }));
  }

  /** Features whose bounding box meets `bbox`, optionally of one layer, at most `limit`, in layer and file order. */
  search(bbox: BBox, options: { layer?: string; limit?: number } = {}): Array<{ layer: string; feature: FoundFeature }> {
    const [west, south, east, north] = bbox;
    const limit = options.limit ?? 100;
    const rows = (options.layer === undefined ? this.searchAll.all(west, east, south, north, limit) : this.searchLayer.all(west, east, south, north, options.layer, limit)) as Row[];
    return rows.map((row) => ({ layer: row.layer, feature: toFeature(row) }));
  }

  get(layer: string, id: number): FoundFeature | undefined {
    const row = this.byId.get(layer, id) as Row | undefined;
    return row ? toFeature(row) : undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function toFeature(row: Row): FoundFeature {
  const properties = Object.assign(Object.create(null) as Record<string, PropertyValue>, JSON.parse(row.properties) as Record<string, PropertyValue>);
  const geometry: Geometry = row.geometry ? (JSON.parse(row.geometry) as Geometry) : { type: 'Point', coordinates: [row.lon!, row.lat!] };
  return { id: row.fid, geometry, properties };
}
