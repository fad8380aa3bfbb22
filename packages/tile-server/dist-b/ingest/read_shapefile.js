import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as shapefile from 'shapefile';
import { SafeMapError } from '../errors.js';
import { normalizeEncoding } from './decode_text.js';
import { displayText, quoted } from './display_text.js';
import { matchWkt } from './match_wkt.js';
import { emitBounded } from './bound_vertices.js';
import { openZip } from './read_zip.js';
const siblingExtensions = ['.dbf', '.prj', '.cpg', '.cst'];
/** Labels the shapefile library's TextDecoder knows for each encoding. */
const decoderLabels = { 'utf-8': 'utf-8', cp949: 'euc-kr', cp932: 'shift_jis', 'euc-jp': 'euc-jp' };
/**
 * Reads a shapefile (`.shp` with its `.dbf`, `.prj`, `.cpg`/`.cst` beside it) or a `.zip` holding one or more. The
 * attribute encoding comes from `--encoding`, else the `.cpg` or `.cst` file, else CP949, what Korean GIS software
 * writes without saying so. The `.prj` is the file's stated CRS: passed on as WKT and, when it matches a known
 * code, as that code. Geometry and attributes are read by the `shapefile` package.
 */
export const readShapefile = async (file, options, emit) => {
    const facts = { format: 'shapefile', encoding: '', problems: [], coarseLines: [], unplaced: 0 };
    if (path.extname(file).toLowerCase() !== '.zip') {
        await readParts(file, await partsBeside(file), options.encoding, facts, emit, { next: 0 });
        return facts;
    }
    const zip = await openZip(file);
    const dir = await mkdtemp(path.join(tmpdir(), 'safemap-shp-'));
    try {
        const shps = zip.entries.filter((entry) => /\.shp$/i.test(entry.name) && !/(^|\/)(__MACOSX\/|\._)/.test(entry.name));
        if (shps.length === 0) {
            const names = zip.entries.slice(0, 20).map((entry) => quoted(entry.name));
            throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: the zip holds no shapefile (.shp); entries seen: ${names.join(', ') || 'none'}. ` +
                'Unzip it and give the file itself, or convert it: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson /vsizip/' + displayText(file), { file });
        }
        const counter = { next: 0 };
        const members = [];
        for (const [index, shp] of shps.entries()) {
            const stem = shp.name.slice(0, -4).toLowerCase();
            const extract = async (name, extension) => {
                const to = path.join(dir, `${index}${extension}`);
                await zip.extract(name, to);
                return to;
            };
            const parts = { label: `${path.basename(file)}!${shp.name}`, shp: await extract(shp.name, '.shp') };
            for (const extension of siblingExtensions) {
                const sibling = zip.entries.find((entry) => entry.name.toLowerCase() === stem + extension);
                if (sibling)
                    parts[extension.slice(1)] = await extract(sibling.name, extension);
            }
            const first = counter.next;
            await readParts(file, parts, options.encoding, facts, emit, counter);
            members.push(`${displayText(shp.name)} (features ${first}–${counter.next - 1})`);
        }
        if (shps.length > 1)
            facts.layer = `${shps.length} shapefiles: ${members.join(', ')}`;
        else
            facts.layer = displayText(shps[0].name);
        return facts;
    }
    finally {
        zip.close();
        await rm(dir, { recursive: true, force: true });
    }
};
/** The files a `.shp` is read with (itself, then `.dbf`, `.prj`, `.cpg`, `.cst` when present): what its hash must cover. */
export async function shapefileFiles(file) {
    const parts = await partsBeside(file);
    return [parts.shp, ...siblingExtensions.flatMap((extension) => parts[extension.slice(1)] ?? [])];
}
/** The `.dbf`, `.prj`, `.cpg` and `.cst` beside a `.shp`, matched case-insensitively as Windows exports vary. */
async function partsBeside(file) {
    const dir = path.dirname(file);
    const stem = path.basename(file).slice(0, -path.extname(file).length).toLowerCase();
    let names;
    try {
        names = await readdir(dir);
    }
    catch (error) {
        throw new SafeMapError('SOURCE_UNREADABLE', `${displayText(file)}: cannot be read (${error.message})`, { file }, { cause: error });
    }
    const parts = { label: path.basename(file), shp: file };
    for (const extension of siblingExtensions) {
        const found = names.find((name) => name.toLowerCase() === stem + extension);
        if (found)
            parts[extension.slice(1)] = path.join(dir, found);
    }
    return parts;
}
/** Reads one shapefile's features into `emit`, numbering them on from `counter`; problems are filed under `file`, the input. */
async function readParts(file, parts, requested, facts, emit, counter) {
    const { encoding, from } = await encodingOf(parts, requested);
    const described = `${encoding} (${from})`;
    facts.encoding = facts.encoding === '' || facts.encoding === described ? described : `${facts.encoding}; ${described}`;
    if (parts.prj) {
        const wkt = (await readFile(parts.prj, 'utf8')).replace(/^\uFEFF/, '').trim();
        if (wkt !== '') {
            const code = matchWkt(wkt);
            if (facts.crsWkt !== undefined && facts.crsWkt !== wkt) {
                throw new SafeMapError('SOURCE_INVALID', `${displayText(parts.label)}: the shapefiles in this zip state different coordinate systems; give them one at a time`, { file: parts.label });
            }
            facts.crsWkt = wkt;
            if (code)
                facts.crsMember = code;
        }
    }
    let source;
    try {
        source = await shapefile.open(parts.shp, parts.dbf, { encoding: decoderLabels[encoding] });
    }
    catch (error) {
        throw new SafeMapError('SOURCE_INVALID', `${displayText(parts.label)}: not a readable shapefile (${error.message})`, { file: parts.label }, { cause: error });
    }
    for (;;) {
        let next;
        try {
            next = await source.read();
        }
        catch (error) {
            throw new SafeMapError('SOURCE_INVALID', `${displayText(parts.label)}: feature ${counter.next} cannot be read (${error.message})`, { file: parts.label }, { cause: error });
        }
        if (next.done)
            break;
        const index = counter.next++;
        const feature = next.value;
        emitBounded({ geometry: feature.geometry, properties: plainProperties(feature.properties), origin: index }, file, facts, emit);
    }
}
/** `--encoding` wins; then the `.cpg` (code page, as ArcGIS and QGIS write it), then the `.cst` (GeoServer's); else CP949. */
async function encodingOf(parts, requested) {
    if (requested && requested !== 'auto')
        return { encoding: normalizeEncoding(requested) ?? 'utf-8', from: '--encoding' };
    for (const [file, name] of [[parts.cpg, '.cpg'], [parts.cst, '.cst']]) {
        if (!file)
            continue;
        const stated = (await readFile(file, 'latin1')).trim();
        const encoding = codePage(stated);
        if (encoding)
            return { encoding, from: `from ${name}` };
    }
    return { encoding: 'cp949', from: 'no .cpg or .cst: the Korean default' };
}
/** A code page as `.cpg`/`.cst` files state it: `UTF-8`, `65001`, `CP949`, `949`, `ANSI 949`, `EUC-KR`, `MS949`, `x-windows-949`, `SJIS`, `932`… */
export function codePage(stated) {
    const text = stated.trim().toLowerCase().replace(/^(ansi|oem|x-windows-|windows-)\s*/, '');
    if (text === '65001' || text === 'utf8')
        return 'utf-8';
    if (text === '949' || text === 'ks_c_5601-1987' || text === 'ksc5601')
        return 'cp949';
    if (text === '932' || text === 'shift-jis')
        return 'cp932';
    if (text === '51932' || text === '20932')
        return 'euc-jp';
    return normalizeEncoding(text);
}
/** DBF values as the stage expects them: dates as `YYYY-MM-DD` text, nothing else changed. */
function plainProperties(properties) {
    const out = Object.create(null);
    for (const key in properties ?? {}) {
        const value = properties[key];
        out[key] = value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)) : value;
    }
    return out;
}
//# sourceMappingURL=read_shapefile.js.map