import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerOptions } from '../worker_options.js';
import { SafeMapError, type ErrorCode } from '../errors.js';
import { isKnownCrs, unknownCrs } from './crs.js';
import { FeatureStore } from './feature_store.js';
import type { IngestOptions, IngestResult, IngestedFeature, SourceSummary, ValidationProblem } from './ingest_types.js';
import { placeFeatures } from './place_features.js';
import { readIntoStage, readPart, type PartRequest, type PartResult, type PlainPolicy } from './read_part.js';
import { mergeFacts, type PropertyPolicy } from './record_stage.js';
import { isSplittable } from './source_reader.js';
import { displayText, quoted } from './display_text.js';
import { shapefileFiles } from './read_shapefile.js';
import { normalizeEncoding } from './decode_text.js';
import { sniffWholeFileEncoding } from './sniff_file_encoding.js';

export type { IngestOptions, IngestProgress, IngestResult, IngestedFeature, ProblemKind, SourceSummary, ValidationProblem } from './ingest_types.js';

/** Files smaller than this are read in the calling thread: starting workers would cost more than it saves. */
const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/**
 * Reads agency files (CSV in any Korean standard layout, XLSX, GeoJSON, NDJSON, shapefiles, GeoPackage, FlatGeobuf,
 * KML) into one compact store
 * of WGS84 features, and validates them: read (one reader per format) → shared stage → CRS and placement. Nothing is
 * written: a refused file (projected coordinates without a CRS, unreadable, unparseable) throws a SafeMapError
 * before any caller can produce output. Large GeoJSON, NDJSON and CSV files are read by several threads.
 */
export async function ingestFiles(files: string[], options: IngestOptions = {}): Promise<IngestResult> {
  if (options.crs && !isKnownCrs(options.crs)) throw unknownCrs(options.crs);
  if (options.encoding !== undefined && options.encoding !== 'auto') {
    const encoding = normalizeEncoding(options.encoding);
    if (!encoding) throw new SafeMapError('USAGE', `unknown encoding ${quoted(options.encoding)}; use utf-8, cp949 (euc-kr), cp932 (shift_jis) or euc-jp`);
    options = { ...options, encoding };
  }
  const stores: FeatureStore[] = [];
  const problems: ValidationProblem[] = [];
  const sources: SourceSummary[] = [];
  for (const file of files) {
    const format = options.format ?? formatOf(file);
    // Reading and hashing start together and both fail on a missing file, each in its own words: checked first, a
    // missing or unreadable file is always SOURCE_UNREADABLE, whichever would have failed first.
    await access(file, constants.R_OK).catch((error: Error) => {
      throw unreadable(file, error);
    });
    const [read, sha256] = await Promise.all([readFile(file, format, options), hashSource(file, format)]);
    const placed = placeFeatures(read.store, file, read.reader, read.stage, options);
    stores.push(placed.store);
    // One at a time: a national file can report hundreds of thousands of rows, more than a spread's arguments.
    for (const problem of placed.problems) problems.push(problem);
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
  const store = stores.length === 1 ? stores[0]! : FeatureStore.merge(stores.map((part) => part.toParts()), stores[0]?.originKind ?? 'feature');
  const fileOf = fileLookup(files, stores);
  let features: IngestedFeature[] | undefined;
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
export function formatOf(file: string): SourceSummary['format'] {
  const extension = path.extname(file).toLowerCase();
  const format = formatsByExtension[extension];
  if (format) return format;
  const hint = refusedExtensions[extension];
  throw new SafeMapError(
    'SOURCE_INVALID',
    `${displayText(file)}: ${hint ?? `unknown input format "${displayText(extension)}"`}; SafeMap reads ${readableFormats}. ` +
      `To convert another format GDAL reads: ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson ${shellQuote(file)}`,
    { file },
  );
}

const formatsByExtension: Readonly<Record<string, SourceSummary['format']>> = {
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
const refusedExtensions: Readonly<Record<string, string>> = {
  '.dbf': 'a .dbf is the attribute part of a shapefile; give the .shp beside it (or the .zip holding all its parts)',
  '.shx': 'a .shx is the index part of a shapefile; give the .shp beside it (or the .zip holding all its parts)',
  '.xls': 'the old Excel format (.xls) is not read; save the sheet as .xlsx or CSV',
};

function shellQuote(file: string): string {
  const shown = displayText(file);
  return /^[\w@%+=:,./-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`;
}

async function readFile(file: string, format: SourceSummary['format'], options: IngestOptions): Promise<{ store: FeatureStore; stage: PartResult['stage']; reader: PartResult['reader'] }> {
  const request: PartRequest = {
    file,
    format,
    options: {
      ...pick(options, ['crs', 'lat', 'lon', 'x', 'y', 'encoding', 'sheet', 'geometry', 'requiredFields', 'keepSuspect']),
    },
    policy: plainPolicy(options.publish),
  };
  const threads = await threadsFor(file, format);
  // Shares of a CSV file are decoded apart: the encoding is judged once, on all of it, as a whole-file read would.
  if (threads > 1 && format === 'csv' && (request.options.encoding ?? 'auto') === 'auto') request.options.encoding = await sniffWholeFileEncoding(file);
  if (threads <= 1) {
    const { stage, reader } = await readIntoStage(request, options.onProgress);
    return { store: stage.store, stage: stage.facts(), reader };
  }
  const results = await Promise.all(Array.from({ length: threads }, (_, index) => inWorker({ ...request, part: { index, count: threads } })));
  options.onProgress?.({ step: 'read', file, done: results.reduce((sum, result) => sum + result.stage.rows, 0) });
  const originKind = results[results.length - 1]!.store.originKind;
  // The merge consumes the parts; nothing else may keep them alive, or a national file is held twice.
  const parts = results.map((result) => result.store);
  const facts = results.map(({ stage, reader }) => ({ stage, reader }));
  results.length = 0;
  const last = facts[facts.length - 1]!;
  return {
    store: FeatureStore.merge(parts, originKind),
    stage: mergeFacts(facts.map((result) => result.stage)),
    reader: { ...last.reader, problems: facts.flatMap((result) => result.reader.problems), coarseLines: facts.flatMap((result) => result.reader.coarseLines), unplaced: facts.reduce((sum, result) => sum + result.reader.unplaced, 0) },
  };
}

async function threadsFor(file: string, format: SourceSummary['format']): Promise<number> {
  if (!isSplittable(format) || !existsSync(workerFile())) return 1;
  const size = await stat(file).then((info) => info.size, () => 0);
  if (size < PARALLEL_MIN_BYTES) return 1;
  return Math.max(1, Math.min(4, availableParallelism()));
}

function workerFile(): string {
  return fileURLToPath(new URL('./read_worker.js', import.meta.url));
}

function inWorker(request: PartRequest): Promise<PartResult> {
  return new Promise((resolve, reject) => {
    // A small young generation: a reader makes short-lived garbage fast, and its heap is the build's peak memory.
    const worker = new Worker(workerFile(), workerOptions({ maxYoungGenerationSizeMb: 8 }));
    worker.once('message', (message: { result?: PartResult; error?: { message: string; code?: ErrorCode; details?: Record<string, unknown> } }) => {
      void worker.terminate();
      if (message.result) resolve(message.result);
      else reject(message.error?.code ? new SafeMapError(message.error.code, message.error.message, message.error.details) : new Error(message.error?.message));
    });
    worker.once('error', reject);
    worker.postMessage(request);
  });
}

function plainPolicy(policy: PropertyPolicy | undefined): PlainPolicy {
  if (!policy || policy.kind === 'all') return { kind: 'all' };
  if (policy.kind === 'include') return { kind: 'include', names: [...policy.names] };
  return policy;
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

/** Which input file each feature of the joined store came from. */
function fileLookup(files: readonly string[], stores: readonly FeatureStore[]): (index: number) => string {
  const ends: number[] = [];
  let total = 0;
  for (const store of stores) ends.push((total += store.length));
  return (index) => files[ends.findIndex((end) => index < end)] ?? files[0] ?? '';
}

/** Where feature `index` of the joined store came from, in its own file. */
function originOf(store: FeatureStore, index: number, stores: readonly FeatureStore[]): { line?: number; feature?: number } {
  let offset = index;
  for (const part of stores) {
    if (offset < part.length) {
      if (part.originKind === 'line') return { line: part.origin[offset]! };
      return part.lines ? { feature: part.origin[offset]!, line: part.lines[offset]! } : { feature: part.origin[offset]! };
    }
    offset -= part.length;
  }
  return { feature: store.origin[index]! };
}

/** SHA-256 of the source bytes; a `.shp` is hashed with the `.dbf`, `.prj`, `.cpg` and `.cst` it is read with. */
async function hashSource(file: string, format: SourceSummary['format']): Promise<string> {
  const hash = createHash('sha256');
  const files = format === 'shapefile' && path.extname(file).toLowerCase() === '.shp' ? await shapefileFiles(file) : [file];
  for (const part of files) await hashInto(hash, part);
  return hash.digest('hex');
}

function hashInto(hash: Hash, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve())
      .on('error', (error) => reject(unreadable(file, error)));
  });
}

function unreadable(file: string, error: Error): SafeMapError {
  return new SafeMapError('SOURCE_UNREADABLE', `${displayText(file)}: cannot be read (${error.message})`, { file }, { cause: error });
}

