import { defaultLayerColor } from './layer_colors.js';
const WORLD = [-180, -85.0511, 180, 85.0511];
/**
 * What a tile set publishes about itself, from its catalogue entry, whether its tiles are cut live or read from an
 * archive: the two differ only in their source, feature counts and where bounds come from.
 */
export function describeTileset(config, parts) {
    const layers = config.layers.map((layer, position) => ({
        id: layer.id,
        title: layer.title,
        geometry: layer.geometry,
        minzoom: layer.minzoom,
        maxzoom: layer.maxzoom,
        properties: layer.properties,
        attribution: layer.attribution,
        color: layer.color ?? defaultLayerColor(position),
        basemap: layer.basemap,
        featureCount: parts.featureCount(layer.id),
    }));
    const minzoom = Math.min(...config.layers.map((layer) => layer.minzoom));
    const maxzoom = Math.max(...config.layers.map((layer) => layer.maxzoom));
    const bounds = config.bounds ?? parts.bounds ?? WORLD;
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
        source: parts.source,
        index: parts.index,
        config,
    };
}
//# sourceMappingURL=describe_tileset.js.map