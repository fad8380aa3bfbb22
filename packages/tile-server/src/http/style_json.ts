import type { ExpressionSpecification, FilterSpecification, LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { iconLayers, nameLayers, spriteUrl } from '../sprites/icon_layers.js';
import type { Tileset, TilesetLayer } from '../store/tileset.js';
import { DENSE_LAYER_FEATURES } from '../tiling/tiling_layer.js';
import { BASEMAP_SOURCE, basemapGroundLayers, basemapLabelLayers, basemapSource, PAPER } from './basemap_style_layers.js';
import { buildTileJson } from './tilejson.js';

const geometryOrder: Record<TilesetLayer['geometry'], number> = { polygon: 0, line: 1, point: 2 };

/** Features that stand for several points: published tiles aggregate points below a layer's max zoom. */
export const IS_CLUSTER: FilterSpecification = ['has', 'point_count'];
const NOT_CLUSTER: FilterSpecification = ['!', ['has', 'point_count']];

/**
 * A MapLibre style v8 for a tile set. From the bottom: paper, the basemap's water, parks, streets and boundaries,
 * the safety layers' areas, lines, circles and clusters, the basemap's names, then the safety icons, cluster counts
 * and shelter names on top, so nothing hides a shelter. Each safety style layer is tagged with the catalogue layer
 * it draws (`safemap:layer`) so a legend can toggle it. No glyph host, and the sprite and basemap come from this
 * server: nothing is fetched from a third party.
 */
export function buildStyleJson(tileset: Tileset, baseUrl: string): StyleSpecification {
  // Within a geometry kind, the most numerous layer is drawn first so the rare ones (shelters) sit on top.
  const ordered = [...tileset.layers].sort((a, b) => rank(a) - rank(b) || b.featureCount - a.featureCount);
  const basemap = tileset.config.basemap;
  const sources: Record<string, SourceSpecification> = {
    ...(basemap ? { [BASEMAP_SOURCE]: basemapSource(basemap, baseUrl) } : {}),
    [tileset.id]: dataSource(tileset, baseUrl),
  };
  return {
    version: 8,
    name: tileset.title.en,
    metadata: {
      'safemap:tileset': tileset.id,
      'safemap:version': tileset.source.version,
      // The region the catalogue declares, which the widget keeps the map inside; not the data's own extent, which
      // for a handful of points would pin the map to one street.
      ...(tileset.config.bounds ? { 'safemap:bounds': [...tileset.config.bounds] } : {}),
    },
    center: [tileset.center[0], tileset.center[1]],
    zoom: tileset.center[2],
    sprite: spriteUrl(baseUrl, tileset.id),
    sources,
    layers: [
      // Land is the paper; water is drawn only where water data says so, never assumed outside a backdrop polygon.
      { id: 'background', type: 'background', paint: { 'background-color': PAPER } },
      ...(basemap ? basemapGroundLayers() : []),
      ...ordered.flatMap((layer) => styleLayers(tileset.id, layer)),
      ...ordered.flatMap((layer) => clusterLayers(tileset.id, layer)),
      ...clusterCountLayers(tileset.id, ordered, true),
      ...(basemap ? basemapLabelLayers() : []),
      // Icons above every circle, line and name, so no route or label is drawn over a shelter's symbol.
      ...ordered.flatMap((layer) => iconLayers(tileset.id, layer)),
      ...clusterCountLayers(tileset.id, ordered, false),
      ...ordered.flatMap((layer) => nameLayers(tileset.id, layer)),
    ],
  };
}

/**
 * The safety data's source written out as its TileJSON says, rather than linked to it: MapLibre asks for the safety
 * tiles in its first frame instead of after reading one more document, and on a phone network that puts shelters on
 * screen most of a second sooner. The style already names the version (`safemap:version`), so it goes stale exactly
 * when the TileJSON would.
 */
function dataSource(tileset: Tileset, baseUrl: string): SourceSpecification {
  const { tiles, minzoom, maxzoom, bounds, attribution } = buildTileJson(tileset, baseUrl);
  return { type: 'vector', tiles, minzoom, maxzoom, bounds: bounds as [number, number, number, number], attribution };
}

function dense(layer: TilesetLayer): boolean {
  return layer.featureCount > DENSE_LAYER_FEATURES;
}

function rank(layer: TilesetLayer): number {
  return layer.basemap ? -1 : geometryOrder[layer.geometry];
}

function common(source: string, layer: TilesetLayer) {
  return { source, 'source-layer': layer.id, minzoom: layer.minzoom, metadata: { 'safemap:layer': layer.id } };
}

function styleLayers(source: string, layer: TilesetLayer): LayerSpecification[] {
  if (layer.basemap) {
    const base = { source, 'source-layer': layer.id, metadata: { 'safemap:basemap': layer.id } };
    return layer.geometry === 'polygon'
      ? [{ ...base, id: layer.id, type: 'fill', paint: { 'fill-color': layer.color, 'fill-antialias': true } }]
      : [{ ...base, id: layer.id, type: 'line', paint: { 'line-color': layer.color, 'line-width': 1 } }];
  }
  switch (layer.geometry) {
    case 'point':
      return [
        {
          ...common(source, layer),
          id: layer.id,
          type: 'circle',
          filter: NOT_CLUSTER,
          paint: {
            'circle-color': layer.color,
            // Dense layers (thousands of cameras) stay small at city zooms so sparse ones like shelters remain findable.
            'circle-radius': dense(layer)
              ? ['interpolate', ['linear'], ['zoom'], 8, 1, 12, 2.2, 15, 4.5, 17, 7]
              : ['interpolate', ['linear'], ['zoom'], 8, 3.5, 12, 6, 16, 10],
            'circle-stroke-color': '#ffffff',
            'circle-stroke-width': dense(layer) ? ['interpolate', ['linear'], ['zoom'], 12, 0, 14, 1] : ['interpolate', ['linear'], ['zoom'], 8, 1, 14, 2],
            'circle-opacity': dense(layer) ? 0.75 : 0.95,
          },
        },
      ];
    case 'line':
      return [
        {
          ...common(source, layer),
          id: `${layer.id}-casing`,
          type: 'line',
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 5, 16, 11] },
        },
        {
          ...common(source, layer),
          id: layer.id,
          type: 'line',
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': layer.color, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 7] },
        },
      ];
    case 'polygon':
      return [
        { ...common(source, layer), id: layer.id, type: 'fill', paint: { 'fill-color': layer.color, 'fill-opacity': 0.25 } },
        { ...common(source, layer), id: `${layer.id}-outline`, type: 'line', paint: { 'line-color': layer.color, 'line-width': 1.5 } },
      ];
  }
}

/** Circle radius in CSS px for a cluster of `point_count` points: grows with the logarithm, so 10,000 is not a lake. */
const clusterRadius = (dense: boolean): ExpressionSpecification => [
  'interpolate', ['linear'], ['ln', ['to-number', ['get', 'point_count'], 2]],
  0.7, dense ? 3.5 : 9,
  2.3, dense ? 6 : 12,
  4.6, dense ? 10 : 16,
  9.2, dense ? 18 : 26,
];
/** Dense layers' clusters smaller than this are counted only by their size: a number on every pair of cameras is noise. */
const DENSE_COUNT_MIN = 10;

/**
 * A cluster is a circle in the layer's colour sized by its count, never an icon of one feature. Dense layers' clusters
 * are paler and drawn under the sparse layers' (same order as their points), so cameras never cover a shelter.
 */
function clusterLayers(source: string, layer: TilesetLayer): LayerSpecification[] {
  if (layer.basemap || layer.geometry !== 'point') return [];
  return [
    {
      ...common(source, layer),
      id: `${layer.id}-cluster`,
      type: 'circle',
      filter: IS_CLUSTER,
      metadata: { 'safemap:layer': layer.id, 'safemap:cluster': true },
      paint: {
        'circle-color': layer.color,
        'circle-opacity': dense(layer) ? 0.5 : 0.9,
        'circle-radius': clusterRadius(dense(layer)),
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': dense(layer) ? 0.8 : 2,
        'circle-stroke-opacity': 0.9,
      },
    },
  ];
}

/**
 * The count on a cluster. Sparse layers' counts (shelters) sit on top and are always placed; dense layers' counts
 * come under the basemap's names and give way to them and to each other, and only for clusters worth counting.
 */
function clusterCountLayer(source: string, layer: TilesetLayer): LayerSpecification {
  const isDense = dense(layer);
  return {
    ...common(source, layer),
    id: `${layer.id}-cluster-count`,
    type: 'symbol',
    filter: isDense ? ['all', ['has', 'point_count'], ['>=', ['to-number', ['get', 'point_count'], 0], DENSE_COUNT_MIN]] : IS_CLUSTER,
    metadata: { 'safemap:layer': layer.id, 'safemap:cluster': true },
    layout: {
      'text-field': ['coalesce', ['get', 'point_count_abbreviated'], ['to-string', ['get', 'point_count']]],
      'text-size': isDense ? 10 : 12,
      'text-allow-overlap': !isDense,
      'text-ignore-placement': !isDense,
      'text-padding': isDense ? 4 : 0,
    },
    paint: isDense
      ? { 'text-color': '#0b2a40', 'text-halo-color': 'rgba(255,255,255,0.8)', 'text-halo-width': 1 }
      : { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0,0,0,0.3)', 'text-halo-width': 1 },
  };
}

function clusterCountLayers(source: string, layers: readonly TilesetLayer[], wantDense: boolean): LayerSpecification[] {
  return layers.filter((layer) => !layer.basemap && layer.geometry === 'point' && dense(layer) === wantDense).map((layer) => clusterCountLayer(source, layer));
}
