import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LayerConfig } from '../catalog/catalog_schema.js';
import { SafeMapError } from '../errors.js';
import type { LayerFeature } from './layer_feature.js';
import { readCsvPoints } from './read_csv_points.js';
import { readGeojson } from './read_geojson.js';
import type { SourceProblem } from './source_problem.js';

export interface LayerData {
  readonly layer: LayerConfig;
  readonly file: string;
  readonly features: readonly LayerFeature[];
  readonly problems: readonly SourceProblem[];
  /** The source bytes, so callers can fingerprint a version without reading the file twice. */
  readonly bytes: Uint8Array;
}

/** Reads one catalogue layer's source file into allow-listed WGS84 features. */
export async function readLayer(layer: LayerConfig, baseDir: string): Promise<LayerData> {
  const file = path.resolve(baseDir, layer.source.path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `layer ${layer.id}: cannot read ${file} (${(error as Error).message})`, { layer: layer.id }, { cause: error });
  }
  const format = layer.source.format ?? formatFromExtension(file);
  if (format === 'csv' && layer.geometry !== 'point') {
    throw new SafeMapError('SOURCE_INVALID', `layer ${layer.id}: CSV sources hold points; use GeoJSON for ${layer.geometry} layers`, { layer: layer.id });
  }
  const { features, problems } = format === 'csv' ? readCsvPoints(bytes, layer, file) : readGeojson(bytes, layer, file, format);
  return { layer, file, features, problems, bytes };
}

function formatFromExtension(file: string): 'csv' | 'geojson' | 'ndjson' {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv' || extension === '.txt') return 'csv';
  if (extension === '.ndjson' || extension === '.geojsonl' || extension === '.geojsonseq') return 'ndjson';
  return 'geojson';
}
