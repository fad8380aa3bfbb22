import Database from 'better-sqlite3';

/** How a layer's features changed between two versions, told apart by position (or geometry) and properties. */
export interface FeatureDiff {
  readonly added: number;
  readonly removed: number;
  /** Features at the same position whose published properties differ. */
  readonly changed: number;
}

interface Row {
  layer: string;
  lon: number | null;
  lat: number | null;
  geometry: string | null;
  properties: string;
}

/** Above this many features in the older version, only counts are reported: the diff holds the older one in memory. */
export const DIFF_LIMIT = 1_000_000;

/**
 * Compares the look-up files of two versions layer by layer. Feature ids are row numbers and change whenever a row
 * is inserted, so a feature is identified by where it is: same place and properties is unchanged, same place with
 * other properties is changed, the rest added or removed. Undefined when the older version is too large to compare.
 */
export function diffLookups(before: string, after: string, limit = DIFF_LIMIT): Map<string, FeatureDiff> | undefined {
  const older = new Database(before, { readonly: true, fileMustExist: true });
  const newer = new Database(after, { readonly: true, fileMustExist: true });
  try {
    const count = (older.prepare('SELECT count(*) AS n FROM features').get() as { n: number }).n;
    if (count > limit) return undefined;
    const select = 'SELECT layer, lon, lat, geometry, properties FROM features';
    const remaining = new Map<string, Map<string, string[]>>();
    for (const row of older.prepare(select).iterate() as Iterable<Row>) {
      const byPlace = remaining.get(row.layer) ?? new Map<string, string[]>();
      remaining.set(row.layer, byPlace);
      const key = placeOf(row);
      const list = byPlace.get(key);
      if (list) list.push(row.properties);
      else byPlace.set(key, [row.properties]);
    }
    const diffs = new Map<string, { added: number; removed: number; changed: number }>();
    const diffOf = (layer: string) => {
      let diff = diffs.get(layer);
      if (!diff) diffs.set(layer, (diff = { added: 0, removed: 0, changed: 0 }));
      return diff;
    };
    const unmatched: Row[] = [];
    for (const row of newer.prepare(select).iterate() as Iterable<Row>) {
      diffOf(row.layer);
      const list = remaining.get(row.layer)?.get(placeOf(row));
      const same = list ? list.indexOf(row.properties) : -1;
      if (same >= 0) list!.splice(same, 1);
      else unmatched.push(row);
    }
    // Second pass, once every exact match is taken: what is left at a known place changed, the rest is new.
    for (const row of unmatched) {
      const list = remaining.get(row.layer)?.get(placeOf(row));
      if (list && list.length > 0) {
        list.pop();
        diffOf(row.layer).changed += 1;
      } else diffOf(row.layer).added += 1;
    }
    for (const [layer, byPlace] of remaining) {
      for (const list of byPlace.values()) diffOf(layer).removed += list.length;
    }
    return diffs;
  } finally {
    older.close();
    newer.close();
  }
}

function placeOf(row: Row): string {
  return row.geometry ?? `${row.lon},${row.lat}`;
}
