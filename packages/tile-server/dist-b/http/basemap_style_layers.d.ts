import type { LayerSpecification, VectorSourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { BasemapConfig } from '../catalog/catalog_schema.js';
/** Source id of the basemap in every style. */
export declare const BASEMAP_SOURCE = "basemap";
/** Style metadata key naming what a basemap style layer shows, for tests and tools (`district-label`, `water`, …). */
export declare const BASEMAP_ROLE_KEY = "safemap:basemap";
/** Quiet colours: the basemap orients, the safety layers carry the colour. */
export declare const PAPER = "#f3f1ec";
/** The basemap's TileJSON on this server; its tiles are read from the PMTiles archive (the widget registers `pmtiles://`). */
export declare function basemapSource(config: BasemapConfig, baseUrl: string): VectorSourceSpecification;
/** Areas and lines under the safety layers: water, parks, buildings, streets by class, railways, boundaries. */
export declare function basemapGroundLayers(): LayerSpecification[];
/**
 * Names over the safety circles and lines but under the safety icons: districts, neighbourhoods (repeated in the
 * deepest tiles so a zoomed-in resident still reads where they are), stations and streets. Text comes from the
 * device's fonts (the style has no `glyphs`), so Hangul needs no download.
 */
export declare function basemapLabelLayers(): LayerSpecification[];
