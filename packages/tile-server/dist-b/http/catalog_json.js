import { layerIcons } from '../sprites/icon_layers.js';
import { basemapName } from './basemap_routes.js';
/** The public catalogue: each tile set, its layers as a legend needs them, and where its TileJSON and style live. */
export function buildCatalogJson(registry, baseUrl) {
    return { tilesets: registry.list().map((tileset) => catalogTilesetJson(tileset, baseUrl)) };
}
/** One tile set's catalogue entry; the restricted style reuses its `layers` so a widget can add them to its legend. */
export function catalogTilesetJson(tileset, baseUrl) {
    return {
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
        layers: tileset.layers.map((layer) => withLabels(tileset, layer.id, {
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
    };
}
/**
 * Adds `labels` (published property → `{ ko, en }`) when the catalogue gives any, so popups show "설치연도" rather
 * than a raw key. Only labels of properties on the allow-list are sent; `properties` stays a list of names for older
 * widgets.
 */
function withLabels(tileset, layerId, layer) {
    const labels = tileset.config.layers.find((config) => config.id === layerId)?.labels;
    if (!labels)
        return layer;
    const published = Object.fromEntries(layer.properties.filter((name) => Object.hasOwn(labels, name)).map((name) => [name, { ko: labels[name].ko, en: labels[name].en }]));
    return Object.keys(published).length > 0 ? { ...layer, labels: published } : layer;
}
//# sourceMappingURL=catalog_json.js.map