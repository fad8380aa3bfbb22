import type { FilterSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Tileset } from '../store/tileset.js';
/** Features that stand for several points: published tiles aggregate points below a layer's max zoom. */
export declare const IS_CLUSTER: FilterSpecification;
/**
 * A MapLibre style v8 for a tile set. From the bottom: paper, the basemap's water, parks, streets and boundaries,
 * the safety layers' areas, lines, circles and clusters, the basemap's names, then the safety icons, cluster counts
 * and shelter names on top, so nothing hides a shelter. Each safety style layer is tagged with the catalogue layer
 * it draws (`safemap:layer`) so a legend can toggle it. No glyph host, and the sprite and basemap come from this
 * server: nothing is fetched from a third party.
 */
export declare function buildStyleJson(tileset: Tileset, baseUrl: string): StyleSpecification;
