import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { iconLayers, spriteUrl } from '../sprites/icon_layers.js';
import type { Tileset, TilesetLayer } from '../store/tileset.js';

const geometryOrder: Record<TilesetLayer['geometry'], number> = { polygon: 0, line: 1, point: 2 };

/**
 * A MapLibre style v8 for a tile set: polygons under lines under points, each style layer tagged with the catalogue
 * layer it draws so a legend can toggle it. No glyph host, and the sprite comes from this server: nothing is fetched
 * from a third party.
 */
export function buildStyleJson(tileset: Tileset, baseUrl: string): StyleSpecification {
  // Within a geometry kind, the most numerous layer is drawn first so the rare ones (shelters) sit on top.
  const ordered = [...tileset.layers].sort((a, b) => rank(a) - rank(b) || b.featureCount - a.featureCount);
  const hasBasemap = tileset.layers.some((layer) => layer.basemap);
  return {
    version: 8,
    name: tileset.title.en,
    metadata: { 'safemap:tileset': tileset.id, 'safemap:version': tileset.source.version },
    center: [tileset.center[0], tileset.center[1]],
    zoom: tileset.center[2],
    sprite: spriteUrl(baseUrl, tileset.id),
    sources: {
      [tileset.id]: { type: 'vector', url: `${baseUrl}/tiles/${tileset.id}.json`, attribution: tileset.attribution },
    },
    layers: [
      // With a land backdrop the background is the sea; without one, a neutral paper tone.
      { id: 'background', type: 'background', paint: { 'background-color': hasBasemap ? '#c9dced' : '#eef0ea' } },
      ...ordered.flatMap((layer) => styleLayers(tileset.id, layer)),
      // Icons above every circle and line, so no route is drawn over a shelter's symbol.
      ...ordered.flatMap((layer) => iconLayers(tileset.id, layer)),
    ],
  };
}

const DENSE_FEATURES = 2000;

function dense(layer: TilesetLayer): boolean {
  return layer.featureCount > DENSE_FEATURES;
}

function rank(layer: TilesetLayer): number {
  return layer.basemap ? -1 : geometryOrder[layer.geometry];
}

function styleLayers(source: string, layer: TilesetLayer): LayerSpecification[] {
  if (layer.basemap) {
    const common = { source, 'source-layer': layer.id, metadata: { 'safemap:basemap': layer.id } };
    return layer.geometry === 'polygon'
      ? [{ ...common, id: layer.id, type: 'fill', paint: { 'fill-color': layer.color, 'fill-antialias': true } }]
      : [{ ...common, id: layer.id, type: 'line', paint: { 'line-color': layer.color, 'line-width': 1 } }];
  }
  const common = { source, 'source-layer': layer.id, minzoom: layer.minzoom, metadata: { 'safemap:layer': layer.id } };
  switch (layer.geometry) {
    case 'point':
      return [
        {
          ...common,
          id: layer.id,
          type: 'circle',
          paint: {
            'circle-color': layer.color,
            // Dense layers (thousands of cameras) stay small at city zooms so sparse ones like shelters remain findable.
            'circle-radius': dense(layer)
              ? ['interpolate', ['linear'], ['zoom'], 8, 1, 12, 2.2, 15, 4.5, 17, 7]
              : ['interpolate', ['linear'], ['zoom'], 8, 3.5, 12, 6, 16, 10],
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': dense(layer) ? ['interpolate', ['linear'], ['zoom'], 12, 0, 14, 1] : ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 2],
            'circle-opacity': 0.9,
          },
        },
      ];
    case 'line':
      return [
        {
          ...common,
          id: `${layer.id}-casing`,
          type: 'line',
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 5, 16, 11] },
        },
        {
          ...common,
          id: layer.id,
          type: 'line',
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': layer.color, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 7] },
        },
      ];
    case 'polygon':
      return [
        { ...common, id: layer.id, type: 'fill', paint: { 'fill-color': layer.color, 'fill-opacity': 0.25 } },
        { ...common, id: `${layer.id}-outline`, type: 'line', paint: { 'line-color': layer.color, 'line-width': 1.5 } },
      ];
  }
}
