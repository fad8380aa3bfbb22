import Database from 'better-sqlite3';
/**
 * Feature ids are row numbers and shift whenever a row is inserted, so a feature is identified by where it is:
 * per layer and place, features with the same properties are unchanged (counted as multisets), what is left on
 * both sides at one place is changed, the rest added or removed. SQLite does the grouping with its own sorter,
 * which spills to temporary files, so a national layer costs the build no memory.
 */
const DIFF_SQL = `
WITH place AS (
  SELECT layer, COALESCE(geometry, lon || ',' || lat) AS spot, properties, 1 AS n, 0 AS o FROM main.features
  UNION ALL
  SELECT layer, COALESCE(geometry, lon || ',' || lat), properties, 0, 1 FROM old.features
), same AS (
  SELECT layer, spot, SUM(n) AS n, SUM(o) AS o FROM place GROUP BY layer, spot, properties
), left_over AS (
  SELECT layer, spot, SUM(n - MIN(n, o)) AS n, SUM(o - MIN(n, o)) AS o FROM same GROUP BY layer, spot
)
SELECT layer, SUM(MIN(n, o)) AS changed, SUM(n - MIN(n, o)) AS added, SUM(o - MIN(n, o)) AS removed
FROM left_over GROUP BY layer`;
/** Compares the look-up files of two versions layer by layer: layer id → added, removed and changed features. */
export function diffLookups(before, after) {
    const db = new Database(after, { readonly: true, fileMustExist: true });
    try {
        db.prepare('ATTACH DATABASE ? AS old').run(before);
        const rows = db.prepare(DIFF_SQL).all();
        return new Map(rows.map((row) => [row.layer, { added: row.added, removed: row.removed, changed: row.changed }]));
    }
    finally {
        db.close();
    }
}
//# sourceMappingURL=diff_lookups.js.map