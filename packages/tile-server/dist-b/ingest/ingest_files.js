import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerOptions } from '../worker_options.js';
import { SafeMapError } from '../errors.js';
import { isKnownCrs, unknownCrs } from './crs.js';
import { FeatureStore } from './feature_store.js';
import { placeFeatures } from './place_features.js';
import { readIntoStage } from './read_part.js';
import { mergeFacts } from './record_stage.js';
import { isSplittable } from './source_reader.js';
import { displayText, quoted } from './display_text.js';
import { shapefileFiles } from './read_shapefile.js';
import { normalizeEncoding } from './decode_text.js';
/** Files smaller than this are read in the calling thread: starting workers would cost more than it saves. */
const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;
/**
 * Reads agency files (CSV in any Korean standard layout, XLSX, GeoJSON, NDJSON, shapefiles, GeoPackage, FlatGeobuf,
 * KML) into one compact store
 * of WGS84 features, and validates them: read (one reader per format) → shared stage → CRS and placement. Nothing is
 * written: a refused file (projected coordinates without a CRS, unreadable, unparseable) throws a SafeMapError
 * before any caller can produce output. Large GeoJSON and NDJSON files are read by several threads.
 */
export async function ingestFiles(files, options = {}) {
    if (options.crs && !isKnownCrs(options.crs))
        throw unknownCrs(options.crs);
    if (options.encoding !== undefined && options.encoding !== 'auto') {
        const encoding = normalizeEncoding(options.encoding);
        if (!encoding)
            throw new SafeMapError('USAGE', `unknown encoding ${quoted(options.encoding)}; use utf-8, cp949 (euc-kr), cp932 (shift_jis) or euc-jp`);
        options = { ...options, encoding };
    }
    const stores = [];
    const problems = [];
    const sources = [];
    for (const file of files) {
        const format = options.format ?? formatOf(file);
        const [read, sha256] = await Promise.all([readFile(file, format, options), hashSource(file, format)]);
        const placed = placeFeatures(read.store, file, read.reader, read.stage, options);
        stores.push(placed.store);
        // One at a time: a national file can report hundreds of thousands of rows, more than a spread's arguments.
        for (const problem of placed.problems)
            problems.push(problem);
        sources.push({
            file,
            sha256,
            format,
            encoding: read.reader.encoding,
            crs: placed.crs,
            rows: read.stage.rows + read.reader.unplaced,
            accepted: placed.store.length,
            quarantined: placed.quarantined,
            dataDates: read.stage.dates.map(([date]) => date),
            ...(read.reader.header ? { header: read.reader.header } : {}),
            ...(read.reader.layer ? { layer: read.reader.layer } : {}),
            ...(read.reader.crsWkt ? { crsWkt: read.reader.crsWkt } : {}),
        });
    }
    const store = stores.length === 1 ? stores[0] : FeatureStore.merge(stores.map((part) => part.toParts()), stores[0]?.originKind ?? 'feature');
    const fileOf = fileLookup(files, stores);
    let features;
    return {
        store,
        problems,
        sources,
        get features() {
            features ??= Array.from({ length: store.length }, (_, index) => ({
                geometry: store.geometry(index),
                properties: store.properties(index),
                origin: { file: fileOf(index), ...originOf(store, index, stores) },
            }));
            return features;
        },
    };
}
/** The format follows the extension, as ogr2ogr and tippecanoe do; unknown extensions are refused, not guessed. */
export function formatOf(file) {
    const extension = path.extname(file).toLowerCase();
    const format = formatsByExtension[extension];
    if (format)
        return format;
    const hint = refusedExtensions[extension];
    throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: ${hint ?? `unknown input format "${displayText(extension)}"`}; SafeMap reads ${readableFormats}. ` +
        `To convert another format GDAL reads: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson ${shellQuote(file)}`, { file });
}
const formatsByExtension = {
    '.csv': 'csv',
    '.txt': 'csv',
    '.geojson': 'geojson',
    '.json': 'geojson',
    '.ndjson': 'ndjson',
    '.geojsonl': 'ndjson',
    '.geojsonseq': 'ndjson',
    '.jsonl': 'ndjson',
    '.xlsx': 'xlsx',
    '.shp': 'shapefile',
    '.zip': 'shapefile',
    '.gpkg': 'gpkg',
    '.fgb': 'fgb',
    '.kml': 'kml',
    '.kmz': 'kml',
};
const readableFormats = 'CSV, XLSX, GeoJSON, NDJSON, shapefiles (.shp or .zip), GeoPackage, FlatGeobuf and KML/KMZ';
/** Extensions people hand over that are close to a readable format: say what to do instead. */
const refusedExtensions = {
    '.dbf': 'a .dbf is the attribute part of a shapefile; give the .shp beside it (or the .zip holding all its parts)',
    '.shx': 'a .shx is the index part of a shapefile; give the .shp beside it (or the .zip holding all its parts)',
    '.xls': 'the old Excel format (.xls) is not read; save the sheet as .xlsx or CSV',
};
function shellQuote(file) {
    const shown = displayText(file);
    return /^[\w@%+=:,./-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`;
}
async function readFile(file, format, options) {
    const request = {
        file,
        format,
        options: {
            ...pick(options, ['crs', 'lat', 'lon', 'x', 'y', 'encoding', 'sheet', 'geometry', 'requiredFields', 'keepSuspect']),
        },
        policy: plainPolicy(options.publish),
    };
    const threads = await threadsFor(file, format);
    if (threads <= 1) {
        const { stage, reader } = await readIntoStage(request, options.onProgress);
        return { store: stage.store, stage: stage.facts(), reader };
    }
    const results = await Promise.all(Array.from({ length: threads }, (_, index) => inWorker({ ...request, part: { index, count: threads } })));
    options.onProgress?.({ step: 'read', file, done: results.reduce((sum, result) => sum + result.stage.rows, 0) });
    const originKind = results[results.length - 1].store.originKind;
    // The merge consumes the parts; nothing else may keep them alive, or a national file is held twice.
    const parts = results.map((result) => result.store);
    const facts = results.map(({ stage, reader }) => ({ stage, reader }));
    results.length = 0;
    const last = facts[facts.length - 1];
    return {
        store: FeatureStore.merge(parts, originKind),
        stage: mergeFacts(facts.map((result) => result.stage)),
        reader: { ...last.reader, problems: facts.flatMap((result) => result.reader.problems), coarseLines: facts.flatMap((result) => result.reader.coarseLines), unplaced: facts.reduce((sum, result) => sum + result.reader.unplaced, 0) },
    };
}
async function threadsFor(file, format) {
    if (!isSplittable(format) || !existsSync(workerFile()))
        return 1;
    const size = await stat(file).then((info) => info.size, () => 0);
    if (size < PARALLEL_MIN_BYTES)
        return 1;
    return Math.max(1, Math.min(4, availableParallelism()));
}
function workerFile() {
    return fileURLToPath(new URL('./read_worker.js', import.meta.url));
}
function inWorker(request) {
    return new Promise((resolve, reject) => {
        // A small young generation: a reader makes short-lived garbage fast, and its heap is the build's peak memory.
        const worker = new Worker(workerFile(), workerOptions({ maxYoungGenerationSizeMb: 8 }));
        worker.once('message', (message) => {
            void worker.terminate();
            if (message.result)
                resolve(message.result);
            else
                reject(message.error?.code ? new SafeMapError(message.error.code, message.error.message, message.error.details) : new Error(message.error?.message));
        });
        worker.once('error', reject);
        worker.postMessage(request);
    });
}
function plainPolicy(policy) {
    if (!policy || policy.kind === 'all')
        return { kind: 'all' };
    if (policy.kind === 'include')
        return { kind: 'include', names: [...policy.names] };
    return policy;
}
function pick(value, keys) {
    const out = {};
    for (const key of keys)
        if (value[key] !== undefined)
            out[key] = value[key];
    return out;
}
/** Which input file each feature of the joined store came from. */
function fileLookup(files, stores) {
    const ends = [];
    let total = 0;
    for (const store of stores)
        ends.push((total += store.length));
    return (index) => files[ends.findIndex((end) => index < end)] ?? files[0] ?? '';
}
/** Where feature `index` of the joined store came from, in its own file. */
function originOf(store, index, stores) {
    let offset = index;
    for (const part of stores) {
        if (offset < part.length) {
            if (part.originKind === 'line')
                return { line: part.origin[offset] };
            return part.lines ? { feature: part.origin[offset], line: part.lines[offset] } : { feature: part.origin[offset] };
        }
        offset -= part.length;
    }
    return { feature: store.origin[index] };
}
/** SHA-256 of the source bytes; a `.shp` is hashed with the `.dbf`, `.prj`, `.cpg` and `.cst` it is read with. */
async function hashSource(file, format) {
    const hash = createHash('sha256');
    const files = format === 'shapefile' && path.extname(file).toLowerCase() === '.shp' ? await shapefileFiles(file) : [file];
    for (const part of files)
        await hashInto(hash, part);
    return hash.digest('hex');
}
function hashInto(hash, file) {
    return new Promise((resolve, reject) => {
        createReadStream(file)
            .on('data', (chunk) => hash.update(chunk))
            .on('end', () => resolve())
            .on('error', (error) => reject(new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${error.message})`, { file }, { cause: error })));
    });
}
//# sourceMappingURL=ingest_files.js.map