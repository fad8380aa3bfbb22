import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { SafeMapError } from '../errors.js';
import { sniffEncoding } from './decode_text.js';
import iconv from 'iconv-lite';
import { displayText } from './display_text.js';
/** Bounds on what a zip (a zipped shapefile, a KMZ, an XLSX) may expand to, declared once. */
export const zipLimits = {
    /** Bytes all the entries read from one archive may expand to. */
    totalBytes: 2 * 1024 ** 3,
    /** Expansion ratio above which a large entry is taken for a zip bomb (real DBF files compress about 10–100×). */
    ratio: 1000,
    /** Entries smaller than this are never judged by their ratio: a tiny file of spaces compresses to almost nothing. */
    ratioFloorBytes: 16 * 1024 ** 2,
    /** Entries in the central directory. */
    entries: 100_000,
};
/**
 * Opens a zip for reading entries one by one. Entry names are never used as paths, so `../` names cannot escape;
 * sizes are checked against the central directory before any byte is inflated, and yauzl refuses an entry that
 * inflates beyond its declared size, so a lying header cannot expand without bound either.
 */
export async function openZip(file, label = 'zip archive') {
    const zip = await new Promise((resolve, reject) => {
        yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, strictFileNames: false }, (error, opened) => {
            if (error || !opened)
                reject(notZip(file, label, error));
            else
                resolve(opened);
        });
    });
    const byName = new Map();
    const entries = [];
    try {
        await new Promise((resolve, reject) => {
            zip.on('entry', (entry) => {
                if (entries.length >= zipLimits.entries) {
                    reject(new SafeMapError('SOURCE_INVALID', `${displayText(file)}: the ${label} holds more than ${zipLimits.entries} entries`, { file }));
                    return;
                }
                const name = entryName(entry);
                if (!name.endsWith('/')) {
                    byName.set(name, entry);
                    entries.push({ name, size: entry.uncompressedSize, compressedSize: entry.compressedSize });
                }
                zip.readEntry();
            });
            zip.once('end', () => resolve());
            zip.once('error', (error) => reject(notZip(file, label, error)));
            zip.readEntry();
        });
    }
    catch (error) {
        zip.close();
        throw error;
    }
    let expanded = 0;
    const open = async (name) => {
        const entry = byName.get(name);
        if (!entry)
            throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: ${displayText(name)} is not in the ${label}`, { file });
        const size = entry.uncompressedSize;
        const ratio = size / Math.max(1, entry.compressedSize);
        if (size > zipLimits.ratioFloorBytes && ratio > zipLimits.ratio) {
            throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: ${displayText(name)} would expand ${Math.round(ratio)}-fold to ${size} bytes: refused as a zip bomb`, { file });
        }
        expanded += size;
        if (expanded > zipLimits.totalBytes) {
            throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: the ${label} expands to more than ${zipLimits.totalBytes} bytes: refused; unpack it and give the files themselves`, { file });
        }
        const stream = await new Promise((resolve, reject) => zip.openReadStream(entry, (error, opened) => (error || !opened ? reject(notZip(file, label, error)) : resolve(opened))));
        let seen = 0;
        // yauzl checks the declared size too; counting here keeps the bound even if that check were ever relaxed.
        const bound = new Transform({
            transform(chunk, _encoding, done) {
                seen += chunk.length;
                if (seen > size)
                    done(new SafeMapError('SOURCE_INVALID', `${displayText(file)}: ${displayText(name)} inflates beyond its declared ${size} bytes`, { file }));
                else
                    done(null, chunk);
            },
        });
        // pipe() does not pass errors on: yauzl's own size and CRC checks must reach the reader.
        stream.once('error', (error) => bound.destroy(error));
        return stream.pipe(bound);
    };
    return {
        entries,
        async read(name) {
            const chunks = [];
            const stream = await open(name);
            try {
                for await (const chunk of stream)
                    chunks.push(chunk);
            }
            catch (error) {
                throw wrap(file, label, error);
            }
            return Buffer.concat(chunks);
        },
        async extract(name, to) {
            const stream = await open(name);
            try {
                await pipeline(stream, createWriteStream(to));
            }
            catch (error) {
                throw wrap(file, label, error);
            }
        },
        close: () => zip.close(),
    };
}
/** Whether the bytes start like a zip (PK\x03\x04), as XLSX, KMZ and zipped shapefiles do. */
export function isZipSignature(bytes) {
    return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
function entryName(entry) {
    const raw = entry.fileName;
    if (typeof raw === 'string')
        return raw;
    // Bit 11 marks UTF-8 names; zips made on Korean or Japanese Windows use the local code page without saying so.
    const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
    const encoding = utf8 ? 'utf-8' : sniffEncoding(raw);
    return (encoding === 'utf-8' ? raw.toString('utf8') : iconv.decode(raw, encoding)).normalize('NFC');
}
function notZip(file, label, error) {
    return new SafeMapError('SOURCE_INVALID', `${displayText(file)}: not a readable ${label} (${error?.message ?? 'unknown error'})`, { file }, { cause: error });
}
function wrap(file, label, error) {
    return error instanceof SafeMapError ? error : notZip(file, label, error);
}
//# sourceMappingURL=read_zip.js.map