import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { stagingPathFor } from './staging.js';
export const POINTER_FILE = 'current.json';
/** The pointer of a tile set folder, or undefined when nothing was ever published there. */
export async function readPointer(tilesetDir) {
    const file = path.join(tilesetDir, POINTER_FILE);
    let text;
    try {
        text = await readFile(file, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new SafeMapError('ARCHIVE_INVALID', `${file}: not a SafeMap publish pointer (not JSON)`, { file });
    }
    if (typeof json.version !== 'string' || !/^[0-9a-f]{1,64}$/.test(json.version) || typeof json.archive !== 'string' || !Array.isArray(json.history)) {
        throw new SafeMapError('ARCHIVE_INVALID', `${file}: not a SafeMap publish pointer`, { file });
    }
    // The archive must lie inside the tile set's folder: a pointer is data, not a way to read any file on the machine.
    const archive = path.normalize(json.archive);
    if (path.isAbsolute(archive) || archive === '..' || archive.startsWith(`..${path.sep}`)) {
        throw new SafeMapError('ARCHIVE_INVALID', `${file}: the archive ${json.archive} is outside the tile set's folder`, { file });
    }
    return {
        version: json.version,
        archive: json.archive,
        history: json.history.filter((v) => typeof v === 'string' && /^[0-9a-f]{1,64}$/.test(v)),
        ...(json.rollback === true ? { rollback: true } : {}),
    };
}
/** Replaces the pointer atomically: write a temporary file, flush it, rename it over the old one. */
export async function writePointer(tilesetDir, pointer) {
    const file = path.join(tilesetDir, POINTER_FILE);
    const temporary = stagingPathFor(file);
    const handle = await open(temporary, 'w');
    try {
        await handle.writeFile(`${JSON.stringify(pointer, null, 2)}\n`);
        await handle.sync();
    }
    finally {
        await handle.close();
    }
    await rename(temporary, file);
}
/** Path of a version's archive inside a tile set folder. */
export function versionArchive(version) {
    return `versions/${version}.pmtiles`;
}
/** Path of a version's look-up file (its features for `/features`), beside its archive. */
export function versionLookups(version) {
    return `versions/${version}.lookups.sqlite`;
}
/** Path of a version's record (when it was built, from what, how many features, whether it passed the guard). */
export function versionRecordFile(version) {
    return `versions/${version}.json`;
}
//# sourceMappingURL=publish_pointer.js.map