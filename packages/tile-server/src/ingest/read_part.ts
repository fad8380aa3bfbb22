import type { IngestOptions, SourceSummary } from './ingest_types.js';
import { readCsv } from './read_csv.js';
import { readFlatgeobuf } from './read_flatgeobuf.js';
import { readGeojson, readNdjson } from './read_geojson.js';
import { readGeopackage } from './read_geopackage.js';
import { readKml } from './read_kml.js';
import { readShapefile } from './read_shapefile.js';
import { readXlsx } from './read_xlsx.js';
import { RecordStage, type PropertyPolicy, type StageFacts } from './record_stage.js';
import type { FilePart, ReaderFacts, SourceReader } from './source_reader.js';
import type { StoreParts } from './feature_store.js';

/** Everything a thread needs to read one part of a file; plain data, so it can cross to a worker. */
export interface PartRequest {
  readonly file: string;
  readonly format: SourceSummary['format'];
  readonly options: ReaderOptions;
  readonly policy: PlainPolicy;
  readonly part?: FilePart;
}

/** The reading options that cross threads (no callbacks). */
export type ReaderOptions = Pick<IngestOptions, 'crs' | 'lat' | 'lon' | 'x' | 'y' | 'encoding' | 'sheet' | 'geometry' | 'requiredFields' | 'keepSuspect'>;

/** A {@link PropertyPolicy} with arrays instead of sets. */
export type PlainPolicy = { kind: 'all' } | { kind: 'include'; names: string[] } | Extract<PropertyPolicy, { kind: 'allowList' }>;

export interface PartResult {
  readonly store: StoreParts;
  readonly stage: StageFacts;
  readonly reader: ReaderFacts;
}

const readers: Record<SourceSummary['format'], SourceReader> = {
  csv: readCsv,
  geojson: readGeojson,
  ndjson: readNdjson,
  xlsx: readXlsx,
  shapefile: readShapefile,
  gpkg: readGeopackage,
  fgb: readFlatgeobuf,
  kml: readKml,
};

/** Tables (CSV, spreadsheets): cells are text to be typed, and rows are located by line. */
const tables: ReadonlySet<SourceSummary['format']> = new Set(['csv', 'xlsx']);

/** Reads a file, or one part of it, through its format's reader and the shared stage, into a compact store. */
export async function readPart(request: PartRequest): Promise<PartResult> {
  const { stage, reader } = await readIntoStage(request);
  // Facts first: they finish the stage (column types) before the store is handed over.
  const facts = stage.facts();
  return { store: stage.store.toParts(), stage: facts, reader };
}

/** {@link readPart} in the calling thread, keeping the store as it is. */
export async function readIntoStage(request: PartRequest, onProgress?: IngestOptions['onProgress']): Promise<{ stage: RecordStage; reader: ReaderFacts }> {
  const policy: PropertyPolicy = request.policy.kind === 'include' ? { kind: 'include', names: new Set(request.policy.names) } : request.policy;
  const table = tables.has(request.format);
  const stage = new RecordStage(request.file, table ? 'line' : 'feature', request.options, policy, table);
  const options: IngestOptions = { ...request.options, ...(onProgress ? { onProgress } : {}) };
  const reader = await readers[request.format](request.file, options, (record) => stage.push(record), request.part);
  return { stage, reader };
}
