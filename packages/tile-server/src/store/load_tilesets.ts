import { createHash } from 'node:crypto';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { Logger } from '../log.js';
import { snapLayerToGrid } from '../security/coordinate_grid.js';
import { readLayer, type LayerData } from '../ingest/read_layer.js';
import type { SourceProblem } from '../ingest/source_problem.js';
import { FeatureIndex, geometryBBox, type BBox } from '../spatial/feature_index.js';
import { TileCutter } from '../tiling/tile_cutter.js';
import { describeTileset } from './describe_tileset.js';
import { LiveTileSource } from './live_tile_source.js';
import type { TileCache } from './tile_cache.js';
import type { Tileset } from './tileset.js';

/** Reads every layer of a tile set, indexes it and prepares live slicing: source → index → tile. */
export async function loadLiveTileset(
  config: TilesetConfig,
  catalog: LoadedCatalog,
  cache: TileCache,
  logger: Logger,
): Promise<Tileset> {
  const data = await readTilesetLayers(config, catalog);
  for (const { layer, file, problems, features } of data) {
    if (problems.length > 0) {
      logger.warn({ tileset: config.id, layer: layer.id, skipped: problems.length, first: problems.slice(0, 3) }, `${file}: ${problems.length} rows skipped`);
    }
    logger.info({ tileset: config.id, layer: layer.id, features: features.length }, 'layer loaded');
  }
  const index = new FeatureIndex(data.map(({ layer, features }) => ({ id: layer.id, features })));
  const maxzoom = Math.max(...config.layers.map((layer) => layer.maxzoom));
  const cutter = new TileCutter(
    data.map(({ layer, features }) => ({ id: layer.id, minzoom: layer.minzoom, maxzoom: layer.maxzoom, features })),
    maxzoom,
  );
  const counts = new Map(data.map(({ layer, features }) => [layer.id, features.length]));
  return describeTileset(config, {
    featureCount: (layerId) => counts.get(layerId) ?? 0,
    bounds: index.bounds(),
    source: new LiveTileSource(config.id, versionOf(config, data), index, cutter, cache, config.layers.map((layer) => layer.id)),
    index,
  });
}

/** Every layer of a tile set as the server and the build both see it: read, kept inside the region, snapped to its grid. */
export async function readTilesetLayers(config: TilesetConfig, catalog: LoadedCatalog, onLayerRead?: () => void): Promise<LayerData[]> {
  return Promise.all(
    config.layers.map(async (layer) => {
      const raw = await readLayer(layer, catalog.baseDir);
      onLayerRead?.();
      return snapLayerToGrid(config.bounds ? keepInside(raw, config.bounds) : raw);
    }),
  );
}

/** Leaves out features outside the declared region, such as a camera filed at 0,0 or in the wrong province. */
export function keepInside(data: LayerData, region: BBox): LayerData {
  const [west, south, east, north] = region;
  const problems: SourceProblem[] = [...data.problems];
  const features = data.features.filter((feature) => {
    const [minX, minY, maxX, maxY] = geometryBBox(feature.geometry);
    const inside = minX >= west && maxX <= east && minY >= south && maxY <= north;
    if (!inside) problems.push({ file: data.file, feature: feature.id, reason: `outside the tile set's region [${region.join(', ')}]` });
    return inside;
  });
  return { ...data, features: features.map((feature, id) => ({ ...feature, id })), problems };
}

/** A content hash of the configuration and source bytes: the same data always gives the same tile URLs. */
function versionOf(config: TilesetConfig, data: readonly LayerData[]): string {
  const hash = createHash('sha256').update(JSON.stringify(config));
  for (const { bytes } of data) hash.update(bytes);
  return hash.digest('hex').slice(0, 12);
}
