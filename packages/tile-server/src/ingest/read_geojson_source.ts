import { open } from 'node:fs/promises';
import type { Geometry } from 'geojson';
import { SafeMapError } from '../errors.js';
import { normalizeCrs, toWgs84 } from './crs.js';
import { DataDates, isDataDateField, parseDataDate } from './data_dates.js';
import { crsRequiredError, isProjectedPair } from './detect_crs.js';
import type { FileRead } from './file_read.js';
import type { IngestOptions, IngestedFeature, ValidationProblem } from './ingest_types.js';
import { looksKorean } from './korea_region.js';
import { projectGeometry, rawPositions } from './project_geometry.js';
import { streamGeojsonFeatures, streamNdjsonFeatures, type GeojsonItem } from './stream_geojson_features.js';

const acceptedTypes: Record<'point' | 'line' | 'polygon', ReadonlySet<string>> = {
  point: new Set(['Point', 'MultiPoint']),
  line: new Set(['LineString', 'MultiLineString']),
  polygon: new Set(['Polygon', 'MultiPolygon']),
};

/** Features read before a projected file is refused, so the candidate ranking sees more than one vertex. */
const crsSampleFeatures = 200;
const progressEvery = 10_000;

/** Thrown inside the reader when a `crs` member follows features that were read with another assumption. */
class CrsArrivedLate {
  constructor(readonly crs: string) {}
}

/**
 * Reads GeoJSON or newline-delimited GeoJSON one feature at a time into WGS84 features, keeping only the ones that
 * can be placed. The CRS is `options.crs`, else the legacy `crs` member, else WGS84 — and metres without a declared
 * CRS are refused.
 */
export async function readGeojsonSource(file: string, format: 'geojson' | 'ndjson', options: IngestOptions): Promise<FileRead> {
  const encoding = options.encoding && options.encoding !== 'auto' ? options.encoding : await sniffFileEncoding(file);
  try {
    return await readOnce(file, format, encoding, options, undefined);
  } catch (error) {
    if (!(error instanceof CrsArrivedLate)) throw error;
    return readOnce(file, format, encoding, options, error.crs);
  }
}

async function readOnce(file: string, format: 'geojson' | 'ndjson', encoding: string, options: IngestOptions, lateCrs: string | undefined): Promise<FileRead> {
  const batches: AsyncGenerator<GeojsonItem[]> = format === 'ndjson' ? streamNdjsonFeatures(file, encoding) : streamGeojsonFeatures(file, encoding);
  const declared = options.crs ? normalizeCrs(options.crs) : lateCrs;
  let crs = declared ?? 'EPSG:4326';
  let crsDeclared = declared !== undefined;
  let project = toWgs84(crs);
  const features: IngestedFeature[] = [];
  const problems: ValidationProblem[] = [];
  const dates = new DataDates();
  const koreanSample: string[] = [];
  let projectedSample: Array<[number, number]> | undefined;
  let rows = 0;
  let korean = false;

  for await (const batch of batches) for (const item of batch) {
    if (item.kind === 'crs') {
      if (options.crs) continue;
      if (rows > 0 && item.crs !== crs) throw new CrsArrivedLate(item.crs);
      crs = item.crs;
      crsDeclared = true;
      project = toWgs84(crs);
      continue;
    }
    rows += 1;
    if (rows % progressEvery === 0) options.onProgress?.({ step: 'read', file, done: rows });
    const where = item.line === undefined ? { feature: item.index } : { feature: item.index, line: item.line };
    const raw = item.value as { geometry?: unknown; properties?: unknown } | null;
    const rawGeometry = raw && typeof raw === 'object' ? raw.geometry : undefined;

    if (!crsDeclared) {
      const sample = rawPositions(rawGeometry);
      if (projectedSample) {
        projectedSample.push(...sample);
        if (rows >= crsSampleFeatures) throw crsRequiredError(file, projectedSample);
        continue;
      }
      if (sample.length > 0 && sample.every(([x, y]) => isProjectedPair(x, y))) {
        projectedSample = sample;
        continue;
      }
    }

    const problem = (kind: ValidationProblem['kind'], reason: string) =>
      problems.push({ file, ...where, kind, severity: 'error', quarantined: true, reason });
    const projected = projectGeometry(rawGeometry, project);
    if ('invalid' in projected) {
      problem('invalid-geometry', projected.invalid);
      continue;
    }
    if (options.geometry && !isOfKind(projected.geometry, options.geometry)) {
      problem('unexpected-geometry', `expected ${options.geometry} geometry, got ${projected.geometry.type}`);
      continue;
    }
    const properties = typeProperties(raw!.properties);
    for (const [key, value] of Object.entries(properties)) {
      if (!isDataDateField(key)) continue;
      const date = parseDataDate(value);
      if (date) dates.add(date, where);
    }
    if (!korean && koreanSample.length < 200) {
      koreanSample.push(...Object.keys(properties), ...Object.values(properties).filter((v): v is string => typeof v === 'string'));
      korean = looksKorean(koreanSample);
    }
    features.push({ geometry: projected.geometry, properties, origin: { file, ...where } });
  }
  if (projectedSample) throw crsRequiredError(file, projectedSample);
  options.onProgress?.({ step: 'read', file, done: rows, total: rows });
  korean ||= /^EPSG:(5174|2097|5179|518[1-8])$/.test(crs);
  return { features, problems, format, encoding, crs, rows, dates, korean };
}

function isOfKind(geometry: Geometry, kind: 'point' | 'line' | 'polygon'): boolean {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.every((member) => isOfKind(member, kind));
  return acceptedTypes[kind].has(geometry.type);
}

/** GeoJSON properties keep their JSON types; text is NFC, nulls are omitted, nested values become JSON text. */
function typeProperties(input: unknown): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = Object.create(null);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return out;
  for (const [rawKey, value] of Object.entries(input)) {
    const key = rawKey.normalize('NFC').trim();
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') out[key] = value.normalize('NFC');
    else if (typeof value === 'number') {
      if (Number.isFinite(value)) out[key] = value;
    } else if (typeof value === 'boolean') out[key] = value;
    else out[key] = JSON.stringify(value).normalize('NFC');
  }
  return out;
}

/** BOM → UTF-8; a valid UTF-8 start → UTF-8; else CP949. Only the first 64 KiB are looked at. */
async function sniffFileEncoding(file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
    try {
      // stream: true tolerates a character cut at the 64 KiB boundary.
      new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: bytesRead === buffer.length });
      return 'utf-8';
    } catch {
      return 'cp949';
    }
  } finally {
    await handle.close();
  }
}
