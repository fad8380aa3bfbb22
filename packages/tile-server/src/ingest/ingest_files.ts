import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SafeMapError } from '../errors.js';
import { normalizeCrs, supportedCrs } from './crs.js';
import type { FileRead } from './file_read.js';
import type { IngestOptions, IngestResult, IngestedFeature, SourceSummary, ValidationProblem } from './ingest_types.js';
import { readCsvSource } from './read_csv_source.js';
import { readGeojsonSource } from './read_geojson_source.js';
import { validateFeatures } from './validate_features.js';

export type {
  IngestOptions,
  IngestProgress,
  IngestResult,
  IngestedFeature,
  ProblemKind,
  SourceSummary,
  ValidationProblem,
} from './ingest_types.js';

/**
 * Reads agency files (CSV in any Korean standard layout, GeoJSON, newline-delimited GeoJSON) into WGS84 features
 * with every source property, and validates them. Nothing is written: a refused file (projected coordinates without a
 * CRS, unreadable, unparseable) throws a SafeMapError before any caller can produce output.
 */
export async function ingestFiles(files: string[], options: IngestOptions = {}): Promise<IngestResult> {
  if (options.crs && !supportedCrs.includes(normalizeCrs(options.crs))) {
    throw new SafeMapError('USAGE', `unsupported coordinate system ${options.crs}; supported: ${supportedCrs.join(', ')}`);
  }
  const features: IngestedFeature[] = [];
  const problems: ValidationProblem[] = [];
  const sources: SourceSummary[] = [];
  for (const file of files) {
    const format = options.format ?? formatOf(file);
    const [read, sha256] = await Promise.all([readSource(file, format, options), hashFile(file)]);
    const kept = validateFeatures(read, file, options);
    for (const feature of kept) features.push(feature);
    // File order, so a report reads top to bottom like the file it describes.
    problems.push(...read.problems.sort((a, b) => (a.line ?? a.feature ?? 0) - (b.line ?? b.feature ?? 0)));
    sources.push({
      file,
      sha256,
      format: read.format,
      encoding: read.encoding,
      crs: read.crs,
      rows: read.rows,
      accepted: kept.length,
      quarantined: new Set(read.problems.filter((p) => p.quarantined).map((p) => p.line ?? p.feature)).size,
      dataDates: read.dates.sorted(),
      ...(read.header ? { header: read.header } : {}),
    });
  }
  return { features, problems, sources };
}

async function readSource(file: string, format: SourceSummary['format'], options: IngestOptions): Promise<FileRead> {
  if (format !== 'csv') return readGeojsonSource(file, format, options);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
  return readCsvSource(bytes, file, options);
}

/** The format follows the extension, as ogr2ogr and tippecanoe do; unknown extensions are refused, not guessed. */
export function formatOf(file: string): SourceSummary['format'] {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv' || extension === '.txt') return 'csv';
  if (extension === '.geojson' || extension === '.json') return 'geojson';
  if (extension === '.ndjson' || extension === '.geojsonl' || extension === '.geojsonseq' || extension === '.jsonl') return 'ndjson';
  throw new SafeMapError('SOURCE_INVALID', `${file}: unknown input format "${extension}"; expected .csv, .geojson/.json or .ndjson/.geojsonl`, { file });
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', (error) => reject(new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${error.message})`, { file }, { cause: error })));
  });
}
