import Database from 'better-sqlite3';
import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
/** Bytes of a PMTiles v3 header. */
const PMTILES_HEADER = 127;
/** Bytes of an SQLite database header. */
const SQLITE_HEADER = 100;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const PMTILES_MAGIC = Buffer.from('PMTiles', 'latin1');
/**
 * Checks that an archive is whole before anything is served from it: its magic number, every section its header
 * declares lying inside the file, the tables MBTiles readers need, nothing but tiles in a tile directory. It reads
 * headers and names, never tiles, so a truncated copy or a wrong file is refused at load with the reason rather than
 * failing tile by tile. Throws ARCHIVE_INVALID naming the file (also in `details.file`, for the log).
 */
export async function checkArchive(file, format) {
    if (format === 'pmtiles')
        await checkPmtiles(file);
    else if (format === 'mbtiles')
        await checkMbtiles(file);
    else
        await checkDirectory(file);
}
function invalid(file, reason) {
    return new SafeMapError('ARCHIVE_INVALID', `${file}: ${reason}`, { file });
}
async function readStart(file, length) {
    const handle = await open(file, 'r');
    try {
        const size = (await handle.stat()).size;
        const head = Buffer.alloc(Math.min(length, size));
        await handle.read(head, 0, head.length, 0);
        return { head, size };
    }
    finally {
        await handle.close();
    }
}
/** The file's first bytes agree with the magic as far as the file goes: a file cut short is truncated, not foreign. */
function startsLike(head, magic) {
    const length = Math.min(head.length, magic.length);
    return head.subarray(0, length).equals(magic.subarray(0, length));
}
async function checkPmtiles(file) {
    const { head, size } = await readStart(file, PMTILES_HEADER);
    if (!startsLike(head, PMTILES_MAGIC))
        throw invalid(file, 'wrong magic number: not a PMTiles archive');
    if (size < PMTILES_HEADER)
        throw invalid(file, `truncated: ${size} bytes, shorter than the ${PMTILES_HEADER}-byte PMTiles header`);
    if (head[7] !== 3)
        throw invalid(file, `PMTiles spec version ${head[7]}, but only version 3 is read`);
    // Root directory, metadata, leaf directories and tile data: offset and length pairs of 64-bit integers.
    let end = PMTILES_HEADER;
    for (const at of [8, 24, 40, 56])
        end = Math.max(end, Number(head.readBigUInt64LE(at) + head.readBigUInt64LE(at + 8)));
    if (end > size)
        throw invalid(file, `truncated: its header declares ${end} bytes, the file has ${size}`);
}
async function checkMbtiles(file) {
    const { head, size } = await readStart(file, SQLITE_HEADER);
    if (!startsLike(head, SQLITE_MAGIC))
        throw invalid(file, 'wrong magic number: not an SQLite database, so not MBTiles');
    if (size < SQLITE_HEADER)
        throw invalid(file, `truncated: ${size} bytes, shorter than the ${SQLITE_HEADER}-byte SQLite header`);
    const pageSize = head.readUInt16BE(16) === 1 ? 65536 : head.readUInt16BE(16);
    // The page count in the header is trustworthy only when written by the same change as the counter (SQLite ≥ 3.7).
    const pages = head.readUInt32BE(24) === head.readUInt32BE(92) ? head.readUInt32BE(28) : 0;
    if (pages > 0 && pages * pageSize > size)
        throw invalid(file, `truncated: its header declares ${pages * pageSize} bytes, the file has ${size}`);
    let db;
    try {
        db = new Database(file, { readonly: true, fileMustExist: true });
        const names = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name IN ('tiles', 'metadata')").all().map((row) => row.name));
        for (const table of ['tiles', 'metadata']) {
            if (!names.has(table))
                throw invalid(file, `an MBTiles archive needs a "${table}" table, and this one has none`);
        }
    }
    catch (error) {
        if (error instanceof SafeMapError)
            throw error;
        throw invalid(file, `not a readable SQLite database (${error.message})`);
    }
    finally {
        db?.close();
    }
}
const NUMBER = /^(0|[1-9]\d{0,8})$/;
const TILE_FILE = /^(0|[1-9]\d{0,8})\.mvt$/;
/** Only `metadata.json` and `z/x/y.mvt` with z ≤ 30 and x, y < 2^z: anything else was put there by mistake. */
async function checkDirectory(dir) {
    const notTile = (relative) => invalid(dir, `not a tile file: ${relative} (a tile directory holds only z/x/y.mvt files and metadata.json)`);
    for (const zEntry of await readdir(dir, { withFileTypes: true })) {
        if (zEntry.name === 'metadata.json' && zEntry.isFile())
            continue;
        const z = Number(zEntry.name);
        if (!zEntry.isDirectory() || !NUMBER.test(zEntry.name) || z > 30)
            throw notTile(zEntry.name);
        for (const xEntry of await readdir(path.join(dir, zEntry.name), { withFileTypes: true })) {
            const xPath = path.join(zEntry.name, xEntry.name);
            if (!xEntry.isDirectory() || !NUMBER.test(xEntry.name) || Number(xEntry.name) >= 2 ** z)
                throw notTile(xPath);
            for (const yEntry of await readdir(path.join(dir, xPath), { withFileTypes: true })) {
                const match = TILE_FILE.exec(yEntry.name);
                if (!yEntry.isFile() || !match || Number(match[1]) >= 2 ** z)
                    throw notTile(path.join(xPath, yEntry.name));
            }
        }
    }
}
//# sourceMappingURL=check_archive.js.map