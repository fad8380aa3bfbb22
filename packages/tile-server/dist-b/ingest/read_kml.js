import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { kmlGen } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { SafeMapError } from '../errors.js';
import { emitBounded } from './bound_vertices.js';
import { decodeText, normalizeEncoding } from './decode_text.js';
import { displayText } from './display_text.js';
import { openZip } from './read_zip.js';
/** KML is parsed into a document tree in memory: larger files are refused with the way to convert them. */
const MAX_KML_BYTES = 256 * 1024 ** 2;
/**
 * Reads KML, or KMZ (a zip whose `doc.kml`, else first `.kml`, is the document), with `@tmcw/togeojson` on an
 * `@xmldom/xmldom` tree. KML coordinates are always WGS84 longitude, latitude (EPSG:4326), so that is the file's
 * stated CRS. A document declaring entities is refused: KML has no use for them, and expanding them is how XML
 * bombs work.
 */
export const readKml = async (file, options, emit) => {
    const { bytes, layer } = path.extname(file).toLowerCase() === '.kmz' ? await kmzDocument(file) : { bytes: await kmlFile(file), layer: undefined };
    // XML names its own encoding; UTF-8 when it does not.
    const declared = /^\s*<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
    const { text, encoding } = decodeText(bytes, declared && normalizeEncoding(declared) ? declared : 'utf-8');
    if (/<!ENTITY/i.test(text))
        throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: the KML declares XML entities, which SafeMap does not expand`, { file });
    const errors = [];
    const document = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(text, 'text/xml');
    if (errors.length > 0 || !document.documentElement) {
        throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: not well-formed KML (${displayText(errors[0] ?? 'no root element').slice(0, 200)})`, { file });
    }
    const facts = { format: 'kml', encoding, crsMember: 'EPSG:4326', problems: [], coarseLines: [], unplaced: 0, ...(layer ? { layer } : {}) };
    let index = 0;
    for (const feature of kmlGen(document)) {
        const at = index++;
        emitBounded({ geometry: feature.geometry, properties: feature.properties ?? {}, origin: at }, file, facts, emit);
    }
    return facts;
};
async function kmlFile(file) {
    try {
        const { size } = await stat(file);
        if (size > MAX_KML_BYTES)
            throw tooLarge(file);
        return await readFile(file);
    }
    catch (error) {
        if (error instanceof SafeMapError)
            throw error;
        throw new SafeMapError('SOURCE_UNREADABLE', `${displayText(file)}: cannot be read (${error.message})`, { file }, { cause: error });
    }
}
async function kmzDocument(file) {
    const zip = await openZip(file, 'KMZ archive');
    try {
        const kmls = zip.entries.filter((entry) => /\.kml$/i.test(entry.name));
        const entry = kmls.find((candidate) => candidate.name.toLowerCase() === 'doc.kml') ?? kmls.find((candidate) => !candidate.name.includes('/')) ?? kmls[0];
        if (!entry)
            throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: the KMZ holds no .kml document`, { file });
        if (entry.size > MAX_KML_BYTES)
            throw tooLarge(file);
        return { bytes: await zip.read(entry.name), layer: displayText(entry.name) };
    }
    finally {
        zip.close();
    }
}
function tooLarge(file) {
    return new SafeMapError('SOURCE_INVALID', `${displayText(file)}: the KML is larger than ${MAX_KML_BYTES} bytes; convert it: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson ${displayText(file)}`, { file });
}
//# sourceMappingURL=read_kml.js.map