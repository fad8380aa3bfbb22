import { isShelterLayer, SHELTER_KIND_ICONS } from './sprite_icons.js';
/** Zoom from which point layers show their icon over the circle; below it icons would only hide each other. */
export const ICON_MINZOOM = 13;
/** Zoom from which features' names are written beside their icons (shelter names, say). */
export const NAME_MINZOOM = 15;
/** Layers with more features than this are dense (cameras): their icons never push a name or a shelter off the map. */
const DENSE_FEATURES = 2000;
/** Single features only: clusters are drawn as counted circles by the style, never as one feature's icon. */
const notCluster = () => ['!', ['has', 'point_count']];
/** The legend icons of a layer, or undefined for layers drawn without icons (lines, areas, backdrops). */
export function layerIcons(layer) {
    if (layer.basemap || layer.geometry !== 'point')
        return undefined;
    if (!isShelterLayer(layer))
        return { icon: layer.id };
    const values = Object.fromEntries(Object.keys(SHELTER_KIND_ICONS).map((kind) => [kind, `${layer.id}-${kind}`]));
    return { icon: layer.id, by: { property: 'kind', values } };
}
/** The sprite URL of a tile set; MapLibre appends `[@2x].json|.png`. */
export function spriteUrl(baseUrl, tilesetId) {
    return `${baseUrl}/sprites/${tilesetId}`;
}
/**
 * Icon symbol layers drawn on top of a point layer's circles, tagged with the same `safemap:layer` so a legend
 * toggles both. Shelters pick the icon of their `kind` and fall back to the generic shelter icon.
 */
export function iconLayers(source, layer) {
    if (layer.basemap || layer.geometry !== 'point')
        return [];
    const image = isShelterLayer(layer)
        ? ['coalesce', ['image', ['concat', `${layer.id}-`, ['to-string', ['get', 'kind']]]], ['image', layer.id]]
        : layer.id;
    return [
        {
            id: `${layer.id}-icon`,
            type: 'symbol',
            source,
            'source-layer': layer.id,
            minzoom: Math.max(layer.minzoom, ICON_MINZOOM),
            filter: notCluster(),
            metadata: { 'safemap:layer': layer.id, 'safemap:icon': true },
            layout: {
                'icon-image': image,
                'icon-size': ['interpolate', ['linear'], ['zoom'], ICON_MINZOOM, 0.85, 16, 1.15],
                'icon-allow-overlap': false,
                'icon-ignore-placement': layer.featureCount > DENSE_FEATURES,
                'icon-padding': 1,
            },
        },
    ];
}
/** Feature names under the icons at street zooms, for layers that publish a `name` (shelters' names, say). */
export function nameLayers(source, layer) {
    if (layer.basemap || layer.geometry !== 'point' || layer.properties.name !== 'string')
        return [];
    return [
        {
            id: `${layer.id}-name`,
            type: 'symbol',
            source,
            'source-layer': layer.id,
            minzoom: Math.max(layer.minzoom, NAME_MINZOOM),
            filter: notCluster(),
            metadata: { 'safemap:layer': layer.id, 'safemap:name': true },
            layout: {
                'text-field': ['get', 'name'],
                'text-size': 12,
                'text-anchor': 'top',
                // Clear of the icon (12 px half-height at most, plus padding), or the name would push its own icon off the map.
                'text-offset': [0, 1.6],
                'text-max-width': 9,
                'text-optional': true,
            },
            paint: { 'text-color': '#1f1f1f', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.6 },
        },
    ];
}
//# sourceMappingURL=icon_layers.js.map