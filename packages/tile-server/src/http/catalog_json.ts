import { layerIcons } from '../sprites/icon_layers.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { basemapName } from './basemap_routes.js';

/** The public catalogue: each tile set, its layers as a legend needs them, and where its TileJSON and style live. */
export function buildCatalogJson(registry: TilesetRegistry, baseUrl: string) {
  return {
    tilesets: registry.list().map((tileset) => ({
      id: tileset.id,
      title: tileset.title,
      ...(tileset.description ? { description: tileset.description } : {}),
      tilejson: `${baseUrl}/tiles/${tileset.id}.json`,
      style: `${baseUrl}/styles/${tileset.id}.json`,
      version: tileset.source.version,
      minzoom: tileset.minzoom,
      maxzoom: tileset.maxzoom,
      bounds: [...tileset.bounds],
      center: [...tileset.center],
      attribution: tileset.attribution,
      // The basemap drawn under the layers, and its place gazetteer for search (docs/basemap.md).
      ...(tileset.config.basemap
        ? {
            basemap: {
              tilejson: `${baseUrl}/basemap/${basemapName(tileset.config.basemap)}.json`,
              places: `${baseUrl}/basemap/${basemapName(tileset.config.basemap)}.places.json`,
              attribution: tileset.config.basemap.attribution,
            },
          }
        : {}),
      layers: tileset.layers.map((layer) => ({
        id: layer.id,
        title: layer.title,
        geometry: layer.geometry,
        color: layer.color,
        basemap: layer.basemap,
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
        properties: Object.keys(layer.properties),
        attribution: layer.attribution,
        // Sprite image ids for the legend: the layer's icon and, for shelters, one per `kind` (see LayerIcons).
        ...(layerIcons(layer) ? { icons: layerIcons(layer) } : {}),
      })),
    })),
  };
}
