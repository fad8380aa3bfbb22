import { createHash } from 'node:crypto';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { Logger } from '../log.js';
import { snapLayerToGrid } from '../security/coordinate_grid.js';
import { readLayer, type LayerData } from '../source/read_layer.js';
import type { SourceProblem } from '../source/source_problem.js';
import { FeatureIndex, geometryBBox, type BBox } from '../spatial/feature_index.js';
import { TileCutter } from '../tile/tile_cutter.js';
import { defaultLayerColor } from './layer_colors.js';
import { LiveTileSource } from './live_tile_source.js';
import type { TileCache } from './tile_cache.js';
import type { Tileset, TilesetLayer } from './tileset.js';

/** Reads every layer of a tile set, indexes it and prepares live slicing: source → index → tile. */
export async function loadLiveTileset(
  config: TilesetConfig,
  catalog: LoadedCatalog,
  cache: TileCache,
  logger: Logger,
): Promise<Tileset> {
  const data = (await Promise.all(config.layers.map((layer) => readLayer(layer, catalog.baseDir)))).map((layer) =>
    snapLayerToGrid(config.bounds ? keepInside(layer, config.bounds) : layer),
  );
  for (const { layer, file, problems, features } of data) {
    if (problems.length > 0) {
      logger.warn({ tileset: config.id, layer: layer.id, skipped: problems.length, first: problems.slice(0, 3) }, `${file}: ${problems.length} rows skipped`);
    }
    logger.info({ tileset: config.id, layer: layer.id, features: features.length }, 'layer loaded');
  }
  const index = new FeatureIndex(data.map(({ layer, features }) => ({ id: layer.id, features })));
  const minzoom = Math.min(...config.layers.map((layer) => layer.minzoom));
  const maxzoom = Math.max(...config.layers.map((layer) => layer.maxzoom));
  const cutter = new TileCutter(
    data.map(({ layer, features }) => ({ id: layer.id, minzoom: layer.minzoom, maxzoom: layer.maxzoom, features })),
    maxzoom,
  );
  const version = versionOf(config, data);
  const bounds: BBox = config.bounds ?? index.bounds() ?? [-180, -85.0511, 180, 85.0511];
  const layers: TilesetLayer[] = data.map(({ layer, features }, position) => ({
    id: layer.id,
    title: layer.title,
    geometry: layer.geometry,
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    properties: layer.properties,
    attribution: layer.attribution,
    color: layer.color ?? defaultLayerColor(position),
    basemap: layer.basemap,
    featureCount: features.length,
  }));
  return {
    id: config.id,
    title: config.title,
    description: config.description,
    minzoom,
    maxzoom,
    bounds,
    center: config.center ?? [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.max(minzoom, Math.min(maxzoom, 11))],
    attribution: [...new Set(layers.map((layer) => layer.attribution))].join(' | '),
    layers,
    source: new LiveTileSource(config.id, version, index, cutter, cache, layers.map((layer) => layer.id)),
    index,
    config,
  };
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
