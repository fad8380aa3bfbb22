import type { ExpressionSpecification, LayerSpecification, VectorSourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { BasemapConfig } from '../catalog/catalog_schema.js';
import { basemapName } from './basemap_routes.js';

/** Source id of the basemap in every style. */
export const BASEMAP_SOURCE = 'basemap';
/** Style metadata key naming what a basemap style layer shows, for tests and tools (`district-label`, `water`, …). */
export const BASEMAP_ROLE_KEY = 'safemap:basemap';

/** Quiet colours: the basemap orients, the safety layers carry the colour. */
export const PAPER = '#f3f1ec';
const WATER = '#b8d2e4';
const PARK = '#dde9d2';
const BUILDING = '#e3ddd3';
const ROAD = '#ffffff';
const ROAD_CASING = '#d3ccbf';
const MAJOR_ROAD = '#f6e7c4';
const TEXT = '#3d3a44';
const HALO = 'rgba(255,255,255,0.92)';

/** The basemap's TileJSON on this server; its tiles are read from the PMTiles archive (the widget registers `pmtiles://`). */
export function basemapSource(config: BasemapConfig, baseUrl: string): VectorSourceSpecification {
  return { type: 'vector', url: `${baseUrl}/basemap/${basemapName(config)}.json`, attribution: config.attribution };
}

/** Korean name above the English one when both exist and differ; either alone otherwise. */
const bilingual: ExpressionSpecification = [
  'case',
  ['all', ['has', 'name_en'], ['has', 'name'], ['!=', ['get', 'name_en'], ['get', 'name']]],
  ['format', ['get', 'name'], {}, '\n', {}, ['get', 'name_en'], { 'font-scale': 0.82 }],
  ['coalesce', ['get', 'name'], ['get', 'name_en'], ''],
];

const placeClass = (classes: string[]): ExpressionSpecification => ['match', ['get', 'class'], classes, true, false];
const DISTRICT = ['city', 'town', 'borough', 'city_district', 'district'];
const NEIGHBOURHOOD = ['suburb', 'quarter', 'neighbourhood', 'village'];
const MAJOR = ['motorway', 'trunk', 'primary'];
const MINOR = ['secondary', 'tertiary', 'minor', 'service', 'residential', 'unclassified', 'living_street'];

type Drawn = Exclude<LayerSpecification, { type: 'background' | 'raster' | 'hillshade' | 'color-relief' }>;
type LayerBody = Drawn extends infer L ? (L extends Drawn ? Omit<L, 'id' | 'source' | 'metadata'> & { 'source-layer': string } : never) : never;

function layer(role: string, spec: LayerBody): LayerSpecification {
  return { id: `basemap-${role}`, source: BASEMAP_SOURCE, metadata: { [BASEMAP_ROLE_KEY]: role }, ...spec } as LayerSpecification;
}

/** Areas and lines under the safety layers: water, parks, buildings, streets by class, railways, boundaries. */
export function basemapGroundLayers(): LayerSpecification[] {
  return [
    layer('park', { type: 'fill', 'source-layer': 'park', paint: { 'fill-color': PARK } }),
    layer('landcover', { type: 'fill', 'source-layer': 'landcover', filter: placeClass(['grass', 'wood', 'farmland']), paint: { 'fill-color': PARK, 'fill-opacity': 0.6 } }),
    layer('water', { type: 'fill', 'source-layer': 'water', paint: { 'fill-color': WATER } }),
    // Zoomed out over the country (the demo's Natural Earth coastline): a crisp edge where the sea is only a few pixels.
    layer('coastline', {
      type: 'line',
      'source-layer': 'coastline',
      maxzoom: 9,
      paint: { 'line-color': '#8fb1c8', 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.5, 9, 1] },
    }),
    layer('waterway', { type: 'line', 'source-layer': 'waterway', paint: { 'line-color': WATER, 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 16, 3] } }),
    layer('building', { type: 'fill', 'source-layer': 'building', minzoom: 14, paint: { 'fill-color': BUILDING, 'fill-outline-color': '#d5cdc0' } }),
    layer('road-casing', {
      type: 'line',
      'source-layer': 'transportation',
      filter: placeClass([...MAJOR, ...MINOR]),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ROAD_CASING, 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 10, 0.6, 14, 4, 17, 16] },
    }),
    layer('road', {
      type: 'line',
      'source-layer': 'transportation',
      filter: placeClass([...MAJOR, ...MINOR]),
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['match', ['get', 'class'], MAJOR, MAJOR_ROAD, ROAD],
        'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 10, 0.3, 14, 2.8, 17, 13],
      },
    }),
    layer('path', {
      type: 'line',
      'source-layer': 'transportation',
      minzoom: 14,
      filter: placeClass(['path', 'track', 'pedestrian', 'footway']),
      paint: { 'line-color': '#c9c1b3', 'line-width': 1, 'line-dasharray': [2, 1.5] },
    }),
    layer('railway', {
      type: 'line',
      'source-layer': 'transportation',
      filter: placeClass(['rail', 'subway', 'light_rail', 'monorail', 'narrow_gauge', 'tram']),
      paint: {
        // The demo's metro lines carry their line colour; OSM railways are grey.
        'line-color': ['coalesce', ['get', 'colour'], '#9a9aa2'],
        'line-opacity': 0.55,
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 15, 2.5],
        'line-dasharray': [3, 1.5],
      },
    }),
    layer('boundary-district', {
      type: 'line',
      'source-layer': 'boundary',
      filter: ['<=', ['to-number', ['get', 'admin_level']], 7],
      paint: { 'line-color': '#8f84a0', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 15, 1.8], 'line-dasharray': [4, 2] },
    }),
    layer('boundary-neighbourhood', {
      type: 'line',
      'source-layer': 'boundary',
      minzoom: 12,
      filter: ['>=', ['to-number', ['get', 'admin_level']], 8],
      paint: { 'line-color': '#b9afc4', 'line-width': 0.8, 'line-dasharray': [2, 2] },
    }),
  ];
}

const halo = { 'text-color': TEXT, 'text-halo-color': HALO, 'text-halo-width': 1.6 };

/**
 * Names over the safety circles and lines but under the safety icons: districts, neighbourhoods (repeated in the
 * deepest tiles so a zoomed-in resident still reads where they are), stations and streets. Text comes from the
 * device's fonts (the style has no `glyphs`), so Hangul needs no download.
 */
export function basemapLabelLayers(): LayerSpecification[] {
  return [
    layer('street-label', {
      type: 'symbol',
      'source-layer': 'transportation_name',
      minzoom: 13,
      layout: { 'symbol-placement': 'line', 'text-field': bilingual, 'text-size': ['interpolate', ['linear'], ['zoom'], 13, 10, 17, 13], 'text-max-angle': 30 },
      paint: { ...halo, 'text-color': '#55505c' },
    }),
    layer('station', {
      type: 'circle',
      'source-layer': 'poi',
      minzoom: 11,
      filter: ['==', ['get', 'class'], 'railway'],
      paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2.5, 16, 5], 'circle-color': '#ffffff', 'circle-stroke-color': '#4b4b57', 'circle-stroke-width': 1.5 },
    }),
    layer('station-label', {
      type: 'symbol',
      'source-layer': 'poi',
      minzoom: 11,
      filter: ['==', ['get', 'class'], 'railway'],
      layout: { 'text-field': bilingual, 'text-size': ['interpolate', ['linear'], ['zoom'], 11, 10.5, 16, 13], 'text-anchor': 'top', 'text-offset': [0, 0.6] },
      paint: { ...halo, 'text-color': '#2f2f38' },
    }),
    layer('neighbourhood-grid-label', {
      type: 'symbol',
      'source-layer': 'place_grid',
      minzoom: 15.5,
      // The full lattice only at z17; every other point before, so the names do not crowd the map.
      filter: ['any', ['>=', ['zoom'], 17], ['==', ['get', 'sparse'], 1]],
      layout: {
        'text-field': ['format', ['get', 'name'], {}, ' ', {}, ['get', 'name_en'], { 'font-scale': 0.85 }, '\n', {}, ['get', 'district'], { 'font-scale': 0.8 }],
        'text-size': 12,
        'text-padding': 24,
      },
      paint: { ...halo, 'text-color': '#6d6478', 'text-opacity': 0.9 },
    }),
    layer('neighbourhood-label', {
      type: 'symbol',
      'source-layer': 'place',
      minzoom: 12,
      filter: placeClass(NEIGHBOURHOOD),
      layout: { 'text-field': bilingual, 'text-size': ['interpolate', ['linear'], ['zoom'], 12, 11, 15, 13], 'text-padding': 6 },
      paint: { ...halo, 'text-color': '#5f566d' },
    }),
    layer('district-label', {
      type: 'symbol',
      'source-layer': 'place',
      maxzoom: 15,
      filter: placeClass(DISTRICT),
      layout: {
        'text-field': bilingual,
        'text-size': ['interpolate', ['linear'], ['zoom'], 9, 12, 13, 16],
        'text-letter-spacing': 0.04,
        // Zoomed out, the cities (rank 1–2) win over counties (3) and the neighbouring countries' places (4+).
        'symbol-sort-key': ['coalesce', ['get', 'rank'], 0],
      },
      paint: { ...halo, 'text-color': '#3b3346', 'text-halo-width': 2 },
    }),
  ];
}
