import type { ExpressionSpecification, FilterSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { TilesetLayer } from '../store/tileset.js';
import { DENSE_LAYER_FEATURES } from '../tiling/tiling_layer.js';
import { isShelterLayer, SHELTER_KIND_ICONS } from './sprite_icons.js';

/** Zoom from which point layers show their icon over the circle; below it icons would only hide each other. */
export const ICON_MINZOOM = 13;
/** Zoom from which features' names are written beside their icons (shelter names, say). */
export const NAME_MINZOOM = 15;

/** Single features only: clusters are drawn as counted circles by the style, never as one feature's icon. */
const notCluster = (): FilterSpecification => ['!', ['has', 'point_count']];

/**
 * What a legend needs to show a point layer as the map does: the sprite image of the layer and, for layers whose
 * icon varies with a property (shelters by `kind`), the image of each value. Published in `/catalog` as `icons`.
 */
export interface LayerIcons {
  /** Sprite image of the layer, used when a feature's value has no image of its own. */
  readonly icon: string;
  /** The property whose value picks the image, and the image of each value. */
  readonly by?: { readonly property: string; readonly values: Readonly<Record<string, string>> };
}

/** The legend icons of a layer, or undefined for layers drawn without icons (lines, areas, backdrops). */
export function layerIcons(layer: TilesetLayer): LayerIcons | undefined {
  if (layer.basemap || layer.geometry !== 'point') return undefined;
  if (!isShelterLayer(layer)) return { icon: layer.id };
  const values = Object.fromEntries(Object.keys(SHELTER_KIND_ICONS).map((kind) => [kind, `${layer.id}-${kind}`]));
  return { icon: layer.id, by: { property: 'kind', values } };
}

/** The sprite URL of a tile set; MapLibre appends `[@2x].json|.png`. */
export function spriteUrl(baseUrl: string, tilesetId: string): string {
  return `${baseUrl}/sprites/${tilesetId}`;
}

/**
 * Icon symbol layers drawn on top of a point layer's circles, tagged with the same `safemap:layer` so a legend
 * toggles both. Shelters pick the icon of their `kind` and fall back to the generic shelter icon.
 */
export function iconLayers(source: string, layer: TilesetLayer): SymbolLayerSpecification[] {
  if (layer.basemap || layer.geometry !== 'point') return [];
  const image: ExpressionSpecification | string = isShelterLayer(layer)
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
        'icon-ignore-placement': layer.featureCount > DENSE_LAYER_FEATURES,
        'icon-padding': 1,
      },
    },
  ];
}

/** Feature names under the icons at street zooms, for layers that publish a `name` (shelters' names, say). */
export function nameLayers(source: string, layer: TilesetLayer): SymbolLayerSpecification[] {
  if (layer.basemap || layer.geometry !== 'point' || layer.properties.name !== 'string') return [];
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
