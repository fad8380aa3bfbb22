import { defineSafetyMap } from './define_safety_map.js';
import type { Lang } from './i18n.js';
import type { SafetyMapElement } from './safety_map_element.js';

/** Options of {@link createSafetyMap}; each one sets the element attribute of the same name. */
export interface SafetyMapOptions {
  /** Tile server URL; default: the origin the widget script came from. */
  server?: string;
  /** Tile set id from the catalogue; default: the first tile set. */
  tileset?: string;
  /** Interface language; default: the page's `lang`, else the browser's languages, else Korean. */
  lang?: Lang;
  /** Initial centre, [longitude, latitude] in degrees; default: the tile set's centre. */
  center?: [number, number];
  /** Initial zoom, 0–24; default: the tile set's zoom. */
  zoom?: number;
  /** Catalogue layer ids shown at first; default: all. */
  layers?: readonly string[];
  /**
   * API key that unlocks the tile set's restricted layers. It is bound to the page's origin and visible in the page,
   * so it is not a secret: it only says which sites may show those layers. Sent only to `{server}/restricted/`.
   */
  key?: string;
}

/**
 * Creates a `<safety-map>` inside `container` and returns it. Listen for `safetymap:ready`
 * on the returned element (it always fires asynchronously) to get the MapLibre map.
 */
export function createSafetyMap(container: Element, options: SafetyMapOptions = {}): SafetyMapElement {
  defineSafetyMap();
  const element = container.ownerDocument.createElement('safety-map');
  if (options.server !== undefined) element.setAttribute('server', options.server);
  if (options.tileset !== undefined) element.setAttribute('tileset', options.tileset);
  if (options.lang !== undefined) element.setAttribute('lang', options.lang);
  if (options.center !== undefined) element.setAttribute('center', options.center.join(','));
  if (options.zoom !== undefined) element.setAttribute('zoom', String(options.zoom));
  if (options.layers !== undefined) element.setAttribute('layers', options.layers.join(','));
  if (options.key !== undefined) element.setAttribute('key', options.key);
  container.append(element);
  return element;
}
