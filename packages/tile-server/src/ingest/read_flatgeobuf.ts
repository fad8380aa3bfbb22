import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import type { HeaderMeta } from 'flatgeobuf/lib/mjs/header-meta.js';
import { SafeMapError } from '../errors.js';
import { emitBounded } from './bound_vertices.js';
import { displayText } from './display_text.js';
import { statedCrs } from './match_wkt.js';
import type { ReaderFacts, SourceReader } from './source_reader.js';

/**
 * Reads a FlatGeobuf file with the format's own package, streamed feature by feature. The header's CRS (an EPSG
 * code, or WKT matched to one) is the file's stated CRS.
 */
export const readFlatgeobuf: SourceReader = async (file, options, emit) => {
  try {
    await access(file);
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `${displayText(file)}: cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
  const facts: ReaderFacts = { format: 'fgb', encoding: 'utf-8', problems: [], coarseLines: [], unplaced: 0 };
  const stream = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream;
  let index = 0;
  try {
    const features = deserialize(stream, { headerMetaFn: (header: HeaderMeta) => Object.assign(facts, crsOf(header)) });
    for await (const feature of features) {
      const at = index++;
      emitBounded({ geometry: feature.geometry, properties: feature.properties ?? {}, origin: at }, file, facts, emit);
      if (index % 10_000 === 0) options.onProgress?.({ step: 'read', file, done: index });
    }
  } catch (error) {
    if (error instanceof SafeMapError) throw error;
    throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: not a readable FlatGeobuf file (feature ${index}: ${(error as Error).message})`, { file }, { cause: error });
  }
  return facts;
};

function crsOf(header: HeaderMeta): Pick<ReaderFacts, 'crsMember' | 'crsWkt'> {
  return header.crs ? statedCrs({ organization: header.crs.org, code: header.crs.code, wkt: header.crs.wkt }) : {};
}
