import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { SafeMapError } from '../errors.js';
import { normalizeCrs } from './crs.js';
import { FeatureCollectionSplitter } from './split_feature_collection.js';

/** One raw GeoJSON feature in file order, or the CRS named by a legacy `crs` member. */
export type GeojsonItem =
  | { kind: 'feature'; index: number; line?: number; value: unknown }
  | { kind: 'crs'; crs: string };

/**
 * Streams the features of a GeoJSON FeatureCollection, whatever its layout (one line or pretty-printed), in one
 * batch per chunk read: only the features of the current chunk are in memory. A top-level `crs` member is reported when met (before
 * the features, or at the end when it follows them); a bare Feature or Geometry is one feature.
 */
export async function* streamGeojsonFeatures(file: string, encoding: string): AsyncGenerator<GeojsonItem[]> {
  const splitter = new FeatureCollectionSplitter();
  let index = 0;
  let crsSeen = false;
  let first = true;
  for await (const piece of openText(file, encoding) as AsyncIterable<string>) {
    const chunk = first ? piece.replace(/^\uFEFF/, '') : piece;
    first = false;
    const hadHead = splitter.head !== undefined;
    const texts = splitter.push(chunk);
    // One batch per chunk: awaiting once per feature would cost more than parsing it.
    const batch: GeojsonItem[] = [];
    if (!hadHead && splitter.head !== undefined) {
      const crs = crsOf(parseOrUndefined(`${splitter.head}null}`));
      if (crs) {
        crsSeen = true;
        batch.push({ kind: 'crs', crs });
      }
    }
    for (const text of texts) {
      batch.push({ kind: 'feature', index, value: parseFeature(text, file, index) });
      index += 1;
    }
    if (batch.length > 0) yield batch;
  }
  if (splitter.incomplete) throw notGeojson(file, 'the JSON ends early (truncated file?)');
  const top = parseOrUndefined(splitter.top);
  if (top === undefined) throw notGeojson(file, 'not valid JSON outside the features');
  if (Array.isArray(top)) return;
  if (top === null || typeof top !== 'object') throw notGeojson(file, 'the top level is not a JSON object');
  const members = top as Record<string, unknown>;
  const crs = crsOf(members);
  if (crs && !crsSeen) yield [{ kind: 'crs', crs }];
  if (members.type === 'FeatureCollection') return;
  if (members.type === 'Feature') {
    yield [{ kind: 'feature', index: 0, value: members }];
    return;
  }
  if (typeof members.type === 'string' && ('coordinates' in members || 'geometries' in members)) {
    yield [{ kind: 'feature', index: 0, value: { type: 'Feature', geometry: members, properties: null } }];
    return;
  }
  throw notGeojson(file, 'expected a GeoJSON FeatureCollection, Feature or geometry');
}

function parseFeature(text: string, file: string, index: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SafeMapError('SOURCE_INVALID', `${file}: feature ${index} is not valid JSON (${(error as Error).message})`, { file, feature: index });
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function crsOf(value: unknown): string | undefined {
  const name = (value as { crs?: { properties?: { name?: unknown } } } | null)?.crs?.properties?.name;
  return typeof name === 'string' ? normalizeCrs(name) : undefined;
}

/** Streams newline-delimited GeoJSON (one feature per line; blank lines and RFC 8142 record separators skipped). */
export async function* streamNdjsonFeatures(file: string, encoding: string): AsyncGenerator<GeojsonItem[]> {
  let carry = '';
  let line = 0;
  let index = 0;
  const parse = (text: string, batch: GeojsonItem[]): void => {
    line += 1;
    const trimmed = text.replace(/^[\uFEFF\u001e]+/, '').trim();
    if (trimmed === '') return;
    try {
      batch.push({ kind: 'feature', index, line, value: JSON.parse(trimmed) });
    } catch (error) {
      throw new SafeMapError('SOURCE_INVALID', `${file}:${line}: not a JSON feature (${(error as Error).message})`, { file, line });
    }
    index += 1;
  };
  for await (const chunk of openText(file, encoding) as AsyncIterable<string>) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop()!;
    const batch: GeojsonItem[] = [];
    for (const text of lines) parse(text, batch);
    if (batch.length > 0) yield batch;
  }
  const batch: GeojsonItem[] = [];
  if (carry !== '') parse(carry, batch);
  if (batch.length > 0) yield batch;
}

function openText(file: string, encoding: string): Readable {
  const bytes = createReadStream(file, { highWaterMark: 1 << 20 });
  if (encoding === 'utf-8') return bytes.setEncoding('utf8');
  return bytes.pipe(iconv.decodeStream(encoding)) as unknown as Readable;
}

function notGeojson(file: string, reason: string): SafeMapError {
  return new SafeMapError('SOURCE_INVALID', `${file}: ${reason}`, { file });
}
