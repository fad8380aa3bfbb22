import type { ExpressionSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { TilesetLayer } from '../store/tileset.js';
import { isShelterLayer } from './sprite_icons.js';

/** Zoom from which point layers show their icon over the circle; below it icons would only hide each other. */
export const ICON_MINZOOM = 13;

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
      metadata: { 'safemap:layer': layer.id, 'safemap:icon': true },
      layout: {
        'icon-image': image,
        'icon-size': ['interpolate', ['linear'], ['zoom'], ICON_MINZOOM, 0.85, 16, 1.15],
        'icon-allow-overlap': false,
        'icon-padding': 1,
      },
    },
  ];
}
