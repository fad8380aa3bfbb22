import Database from 'better-sqlite3';
import { SafeMapError } from '../errors.js';
import { decodeWkb } from './decode_wkb.js';
import { displayText, quoted } from './display_text.js';
import { statedCrs } from './match_wkt.js';
/**
 * Reads one feature table of a GeoPackage (an SQLite file, read with better-sqlite3, opened read-only): the first
 * in `gpkg_contents` unless `--sheet` names another (by name or 1-based position). Geometries are GeoPackage blobs:
 * a small header, then WKB. The table's CRS comes from `gpkg_spatial_ref_sys`: an EPSG code, or its WKT matched
 * to one.
 */
export const readGeopackage = async (file, options, emit) => {
    let db;
    try {
        db = new Database(file, { readonly: true, fileMustExist: true });
    }
    catch (error) {
        throw new SafeMapError('SOURCE_UNREADABLE', `${displayText(file)}: cannot be read (${error.message})`, { file }, { cause: error });
    }
    try {
        const tables = featureTables(db, file);
        const chosen = chooseTable(tables, options.sheet, file);
        const facts = { format: 'gpkg', encoding: 'utf-8', problems: [], coarseLines: [], unplaced: 0 };
        facts.layer = `table ${quoted(chosen.table)} (${tables.indexOf(chosen) + 1} of ${tables.length})`;
        Object.assign(facts, crsOf(db, chosen.srsId));
        const identifier = (name) => `"${name.replace(/"/g, '""')}"`;
        const primaryKey = db.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk = 1`).all(chosen.table).map((row) => row.name);
        const statement = db.prepare(`SELECT * FROM ${identifier(chosen.table)}`);
        let index = 0;
        for (const row of statement.iterate()) {
            const at = index++;
            const decoded = geometryOf(row[chosen.column]);
            if ('invalid' in decoded) {
                facts.problems.push({ file, feature: at, kind: 'invalid-geometry', severity: 'error', quarantined: true, reason: decoded.invalid });
                facts.unplaced += 1;
                continue;
            }
            const properties = Object.create(null);
            for (const key in row) {
                const value = row[key];
                if (key === chosen.column || primaryKey.includes(key) || value instanceof Uint8Array)
                    continue;
                properties[key] = typeof value === 'bigint' ? Number(value) : value;
            }
            emit({ geometry: decoded.geometry, properties, origin: at });
            if (index % 10_000 === 0)
                options.onProgress?.({ step: 'read', file, done: index });
        }
        return facts;
    }
    catch (error) {
        if (error instanceof SafeMapError)
            throw error;
        throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: not a readable GeoPackage (${error.message})`, { file }, { cause: error });
    }
    finally {
        db.close();
    }
};
function featureTables(db, file) {
    let rows;
    try {
        rows = db
            .prepare(`SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
         WHERE c.data_type = 'features' ORDER BY c.rowid`)
            .all();
    }
    catch (error) {
        throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: not a GeoPackage (${error.message}); convert it: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson ${displayText(file)}`, { file });
    }
    if (rows.length === 0)
        throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: the GeoPackage holds no feature table (only tiles or attributes?)`, { file });
    return rows.map((row) => ({ table: row.table_name, column: row.column_name, srsId: row.srs_id }));
}
function chooseTable(tables, wanted, file) {
    if (wanted === undefined)
        return tables[0];
    const found = tables.find((table) => table.table === wanted) ?? (/^\d+$/.test(wanted.trim()) ? tables[Number(wanted.trim()) - 1] : undefined);
    if (found)
        return found;
    const names = tables.map((table, index) => `${index + 1} ${quoted(table.table)}`).join(', ');
    throw new SafeMapError('USAGE', `${displayText(file)}: no feature table ${quoted(wanted)}; tables: ${names}. Give --sheet NAME or --sheet N`, { file });
}
/** The table's CRS from `gpkg_spatial_ref_sys`: its EPSG code, or its WKT definition. */
function crsOf(db, srsId) {
    const srs = db.prepare('SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?').get(srsId);
    return srs ? statedCrs({ organization: srs.organization, code: srs.organization_coordsys_id, wkt: srs.definition }) : {};
}
/** A GeoPackage geometry blob: `GP`, version, flags (byte order, envelope size, empty), SRS id, envelope, then WKB. */
function geometryOf(blob) {
    if (blob === null || blob === undefined)
        return { geometry: null };
    if (!(blob instanceof Uint8Array) || blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
        return { invalid: 'the geometry is not a GeoPackage geometry blob' };
    const flags = blob[3];
    if (flags & 0x10)
        return { geometry: null };
    const envelope = [0, 32, 48, 48, 64][(flags >> 1) & 0x07];
    if (envelope === undefined)
        return { invalid: 'the geometry blob has an unknown envelope kind' };
    return decodeWkb(blob.subarray(8 + envelope));
}
//# sourceMappingURL=read_geopackage.js.map