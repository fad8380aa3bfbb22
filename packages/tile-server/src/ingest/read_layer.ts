import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LayerConfig } from '../catalog/catalog_schema.js';
import { SafeMapError } from '../errors.js';
import { ingestFiles } from './ingest_files.js';
import type { LayerFeature } from './layer_feature.js';
import { publishProperties } from './publish_properties.js';
import type { SourceProblem } from './source_problem.js';

export interface LayerData {
  readonly layer: LayerConfig;
  readonly file: string;
  readonly features: readonly LayerFeature[];
  readonly problems: readonly SourceProblem[];
  /** The source bytes, so callers can fingerprint a version without reading the file twice. */
  readonly bytes: Uint8Array;
}

/**
 * Reads one catalogue layer's source file into allow-listed WGS84 features, through the same ingest and validation
 * as `safemap validate`: rows that cannot be placed or are quarantined (placeholders, swapped axes, outside Korea)
 * become problems, never features.
 */
export async function readLayer(layer: LayerConfig, baseDir: string): Promise<LayerData> {
  const file = path.resolve(baseDir, layer.source.path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `layer ${layer.id}: cannot read ${file} (${(error as Error).message})`, { layer: layer.id }, { cause: error });
  }
  const { columns, crs, encoding, format } = layer.source;
  const result = await ingestFiles([file], {
    crs,
    encoding,
    geometry: layer.geometry,
    ...(format ? { format } : {}),
    ...(columns?.lat && columns.lon ? { lat: columns.lat, lon: columns.lon } : {}),
    ...(columns?.x && columns.y ? { x: columns.x, y: columns.y } : {}),
  });
  const features = result.features.map((feature, id) => ({ id, geometry: feature.geometry, properties: publishProperties(layer, feature.properties) }));
  const problems: SourceProblem[] = result.problems
    .filter((problem) => problem.quarantined)
    .map(({ file: where, line, feature, reason }) => ({ file: where, ...(line === undefined ? {} : { line }), ...(feature === undefined ? {} : { feature }), reason }));
  return { layer, file, features, problems, bytes };
}
