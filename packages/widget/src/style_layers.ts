import type { Map as MapLibreMap } from 'maplibre-gl';

/** Style metadata key that ties a style layer to a catalogue layer. */
export const LAYER_METADATA_KEY = 'safemap:layer';

/** The part of a style layer this module reads. */
export interface StyleLayerLike {
  id: string;
  metadata?: unknown;
}

/** The catalogue layer a style layer draws, from its `safemap:layer` metadata. */
export function catalogLayerOf(styleLayer: StyleLayerLike): string | undefined {
  const metadata = styleLayer.metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const id = (metadata as Record<string, unknown>)[LAYER_METADATA_KEY];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Ids of the style layers that draw a catalogue layer, or that draw any when `catalogLayerId` is absent. */
export function styleLayerIds(styleLayers: readonly StyleLayerLike[], catalogLayerId?: string): string[] {
  return styleLayers
    .filter((layer) => {
      const owner = catalogLayerOf(layer);
      return owner !== undefined && (catalogLayerId === undefined || owner === catalogLayerId);
    })
    .map((layer) => layer.id);
}

/** Shows or hides every style layer of a catalogue layer. */
export function setCatalogLayerVisibility(map: MapLibreMap, catalogLayerId: string, visible: boolean): void {
  for (const id of styleLayerIds(map.getStyle().layers, catalogLayerId)) {
    map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}
