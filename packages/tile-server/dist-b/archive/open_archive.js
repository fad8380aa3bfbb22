import Database from 'better-sqlite3';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Compression, PMTiles } from 'pmtiles';
import { SafeMapError } from '../errors.js';
import { checkArchive } from './check_archive.js';
/** The format a path names: `.pmtiles`, `.mbtiles`, otherwise a tile directory. */
export function formatForPath(file) {
    const extension = path.extname(file).toLowerCase();
    return extension === '.pmtiles' ? 'pmtiles' : extension === '.mbtiles' ? 'mbtiles' : 'directory';
}
/** Opens an archive for reading; a missing or corrupt one is an ARCHIVE_INVALID error naming the file. */
export async function openArchive(file, options = {}) {
    let info;
    try {
        info = await stat(file);
    }
    catch (error) {
        throw new SafeMapError('ARCHIVE_INVALID', `${file}: cannot open the archive (${error.message})`, { file }, { cause: error });
    }
    if (info.isDirectory()) {
        await checkArchive(file, 'directory');
        return new DirectoryArchive(file);
    }
    const format = formatForPath(file);
    try {
        if (format !== 'directory')
            await checkArchive(file, format);
        if (format === 'mbtiles')
            return new MbtilesArchive(file);
        if (format === 'pmtiles')
            return await PmtilesArchive.open(file, options.inMemory ?? false);
    }
    catch (error) {
        if (error instanceof SafeMapError)
            throw error;
        throw new SafeMapError('ARCHIVE_INVALID', `${file}: not a readable ${format} archive (${error.message})`, { file }, { cause: error });
    }
    throw new SafeMapError('ARCHIVE_INVALID', `${file}: not a tile archive (expected .pmtiles, .mbtiles or a z/x/y directory)`, { file });
}
/** Archives may hold gzip-compressed tiles (MBTiles and PMTiles by convention); readers get MVT bytes. */
export function isGzip(bytes) {
    return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
function unzippedOrNone(bytes) {
    return bytes && isGzip(bytes) ? gunzipSync(bytes) : bytes;
}
/**
 * A pmtiles `Source` over a local file for one-off reads (a header, a check): each read opens the file, so nothing
 * stays open between them. Served archives use {@link openArchive}, which keeps one handle.
 */
export function fileRangeSource(file) {
    return {
        getKey: () => file,
        async getBytes(offset, length) {
            const handle = await open(file, 'r');
            try {
                const buffer = new Uint8Array(length);
                const { bytesRead } = await handle.read(buffer, 0, length, offset);
                return { data: buffer.buffer.slice(0, bytesRead) };
            }
            finally {
                await handle.close();
            }
        },
    };
}
/** A pmtiles `Source` over a local file, reading byte ranges with positional reads, or from a copy in memory. */
class NodeFileSource {
    handle;
    file;
    bytes;
    size;
    constructor(handle, file, bytes, 
    /** File size when opened: a later read that gets less than this promised was cut short underneath. */
    size) {
        this.handle = handle;
        this.file = file;
        this.bytes = bytes;
        this.size = size;
    }
    getKey() {
        return this.file;
    }
    async getBytes(offset, length) {
        if (this.bytes) {
            const slice = this.bytes.subarray(offset, offset + length);
            return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength) };
        }
        const buffer = new Uint8Array(length);
        const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
        // The first read asks for 16 KiB whatever the size; only bytes the file had when opened must be there.
        if (bytesRead < Math.min(length, this.size - offset)) {
            throw new SafeMapError('ARCHIVE_INVALID', `${this.file}: ${bytesRead} of ${length} bytes at ${offset}: the file was cut short after it was opened`, { file: this.file });
        }
        return { data: buffer.buffer.slice(0, bytesRead) };
    }
}
class PmtilesArchive {
    file;
    handle;
    reader;
    format = 'pmtiles';
    constructor(file, handle, reader) {
        this.file = file;
        this.handle = handle;
        this.reader = reader;
    }
    static async open(file, inMemory) {
        const handle = await open(file, 'r');
        const bytes = inMemory ? await handle.readFile() : undefined;
        const size = bytes?.length ?? (await handle.stat()).size;
        const reader = new PMTiles(new NodeFileSource(handle, file, bytes, size), undefined, async (buffer, compression) => {
            if (compression === Compression.None || compression === Compression.Unknown)
                return buffer;
            if (compression !== Compression.Gzip)
                throw new SafeMapError('ARCHIVE_INVALID', `${file}: unsupported compression ${compression}`);
            const out = gunzipSync(new Uint8Array(buffer));
            return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
        });
        try {
            await reader.getHeader();
        }
        catch (error) {
            await handle.close();
            throw error;
        }
        return new PmtilesArchive(file, handle, reader);
    }
    async metadata() {
        return (await this.reader.getMetadata());
    }
    async tileCount() {
        return (await this.reader.getHeader()).numAddressedTiles;
    }
    async getTile(z, x, y) {
        return unzippedOrNone(await this.getStoredTile(z, x, y));
    }
    async getStoredTile(z, x, y) {
        const response = await this.reader.getZxy(z, x, y);
        return response ? new Uint8Array(response.data) : undefined;
    }
    async close() {
        await this.handle.close();
    }
}
class MbtilesArchive {
    file;
    format = 'mbtiles';
    db;
    select;
    constructor(file) {
        this.file = file;
        this.db = new Database(file, { readonly: true, fileMustExist: true });
        this.select = this.db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
    }
    async metadata() {
        const rows = this.db.prepare('SELECT name, value FROM metadata ORDER BY name').all();
        const out = Object.create(null);
        for (const { name, value } of rows)
            out[name] = value;
        if (typeof out.json === 'string')
            Object.assign(out, JSON.parse(out.json));
        return out;
    }
    async getTile(z, x, y) {
        return unzippedOrNone(await this.getStoredTile(z, x, y));
    }
    async getStoredTile(z, x, y) {
        return this.select.get(z, x, 2 ** z - 1 - y)?.tile_data;
    }
    async close() {
        this.db.close();
    }
}
class DirectoryArchive {
    file;
    format = 'directory';
    constructor(file) {
        this.file = file;
    }
    async metadata() {
        try {
            return JSON.parse(await readFile(path.join(this.file, 'metadata.json'), 'utf8'));
        }
        catch {
            return {};
        }
    }
    async getTile(z, x, y) {
        return unzippedOrNone(await this.getStoredTile(z, x, y));
    }
    async getStoredTile(z, x, y) {
        try {
            return await readFile(path.join(this.file, String(z), String(x), `${y}.mvt`));
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        }
    }
    async close() { }
}
//# sourceMappingURL=open_archive.js.map