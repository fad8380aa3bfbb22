import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LayerConfig } from '../catalog/catalog_schema.js';
import { SafeMapError } from '../errors.js';
import { geometryBounds, type FeatureStore } from './feature_store.js';
import { ingestFiles } from './ingest_files.js';
import { snapPosition } from './snap_position.js';
import type { SourceProblem } from './source_problem.js';

export interface LayerData {
  readonly layer: LayerConfig;
  readonly file: string;
  /** The layer's features: WGS84, inside the region, snapped to the layer's grid, only allow-listed properties. */
  readonly store: FeatureStore;
  readonly problems: readonly SourceProblem[];
  /** SHA-256 of the source bytes, hex, so an archive says exactly what it was made from. */
  readonly sha256: string;
}

/**
 * Reads one catalogue layer's source file through the same ingest and validation as `safemap validate` and
 * `safemap build`: rows that cannot be placed or are quarantined (placeholders, swapped axes, outside Korea or the
 * tile set's region) become problems, never features; only the layer's allow-listed properties are kept; a layer
 * with a precision grid has its positions snapped. The CRS is the layer's, else the one the file names, else
 * detected — projected metres with none declared are refused, never guessed.
 */
export async function readLayer(layer: LayerConfig, baseDir: string, region?: readonly [number, number, number, number]): Promise<LayerData> {
  const file = path.resolve(baseDir, layer.source.path);
  try {
    await readFile(file, { flag: 'r' }).then(() => undefined);
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `layer ${layer.id}: cannot read ${file} (${(error as Error).message})`, { layer: layer.id }, { cause: error });
  }
  const { columns, crs, encoding, format, sheet } = layer.source;
  const result = await ingestFiles([file], {
    ...(crs ? { crs } : {}),
    encoding,
    geometry: layer.geometry,
    ...(format ? { format } : {}),
    ...(sheet ? { sheet } : {}),
    ...(columns?.lat && columns.lon ? { lat: columns.lat, lon: columns.lon } : {}),
    ...(columns?.x && columns.y ? { x: columns.x, y: columns.y } : {}),
    publish: { kind: 'allowList', types: layer.properties, fields: layer.source.fields },
  });
  const problems: SourceProblem[] = result.problems
    .filter((problem) => problem.quarantined)
    .map(({ file: where, line, feature, reason }) => ({ file: where, ...(line === undefined ? {} : { line }), ...(feature === undefined ? {} : { feature }), reason }));
  let store = result.store;
  if (region) {
    const [west, south, east, north] = region;
    const outside = (index: number) => {
      const box = boxOf(store, index);
      return !(box[0] >= west && box[2] <= east && box[1] >= south && box[3] <= north);
    };
    for (let index = 0; index < store.length; index++) {
      if (!outside(index)) continue;
      const where = store.originKind === 'line' ? { line: store.origin[index]! } : { feature: store.origin[index]! };
      problems.push({ file, ...where, reason: `outside the tile set's region [${region.join(', ')}]` });
    }
    store = store.keepOnly((index) => !outside(index));
  }
  const gridMeters = layer.precision?.gridMeters;
  if (gridMeters !== undefined) store.movePositions((position) => snapPosition(position, gridMeters));
  return { layer, file, store, problems, sha256: result.sources[0]!.sha256 };
}

function boxOf(store: FeatureStore, index: number): [number, number, number, number] {
  if (store.isPoint(index)) return [store.x[index]!, store.y[index]!, store.x[index]!, store.y[index]!];
  return geometryBounds(store.geometry(index));
}
