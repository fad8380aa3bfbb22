import type { LocalizedText } from './i18n.js';

/** Geometry kind of a catalogue layer; decides the legend swatch. */
export type LayerGeometry = 'point' | 'line' | 'polygon';

/** One published layer of a tile set, as the tile server's `/catalog` describes it. */
export interface CatalogLayer {
  /** Layer id; also the MVT source-layer name and the main style layer id. */
  id: string;
  title: LocalizedText;
  geometry: LayerGeometry;
  /** Legend colour, `#rrggbb`. */
  color: string;
  /** Property keys features of this layer may carry. */
  properties: string[];
  /** A backdrop (land, roads) rather than safety data: drawn, but not in the legend and not tappable. */
  basemap: boolean;
  /** Served only with an API key, under `{server}/restricted/` (see restricted_layers.ts). */
  restricted?: boolean;
}

/** One tile set of the catalogue. */
export interface CatalogTileset {
  id: string;
  title: LocalizedText;
  /** Absolute TileJSON URL. */
  tilejson?: string;
  /** Absolute MapLibre style URL. */
  style: string;
  /** Initial view: longitude, latitude, zoom. */
  center?: [number, number, number];
  /** West, south, east, north in degrees. */
  bounds?: [number, number, number, number];
  layers: CatalogLayer[];
  /** Absolute URL of the basemap's place gazetteer, when the catalogue names one. */
  places?: string;
  /**
   * Static look-up files by layer id (absolute URLs), in a catalogue exported for a static host (`safemap export`):
   * search, nearest and lists then read these instead of asking a server. Layers without one are not searchable.
   */
  lookups?: Record<string, string>;
}

/** The tile server's `/catalog` document. */
export interface Catalog {
  tilesets: CatalogTileset[];
}

/** The catalogue could not be fetched, or does not follow the contract; `path` names the bad key. */
export class CatalogError extends Error {
  override name = 'CatalogError';
  constructor(
    message: string,
    readonly path = '',
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

const GEOMETRIES: readonly LayerGeometry[] = ['point', 'line', 'polygon'];
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** The URL of the catalogue of a tile server; `server` may carry a path prefix. */
export function catalogUrl(server: string): URL {
  return new URL('catalog', server.endsWith('/') ? server : `${server}/`);
}

/** Fetches and validates `{server}/catalog`, or the catalogue at `url` (a static folder's `catalog.json`). */
export async function fetchCatalog(server: string, signal?: AbortSignal, url: URL = catalogUrl(server)): Promise<Catalog> {
  const response = await fetch(url, { signal: signal ?? null, headers: { accept: 'application/json' } });
  if (!response.ok) throw new CatalogError(`GET ${url.href} answered ${response.status}`);
  return parseCatalog(await response.json(), url.href);
}

/**
 * Validates a catalogue document and resolves its URLs against `baseUrl`.
 * Unknown keys are ignored so the server can grow the catalogue without breaking deployed widgets.
 */
export function parseCatalog(json: unknown, baseUrl: string): Catalog {
  const root = record(json, '');
  const tilesets = array(root.tilesets, 'tilesets').map((t, i) => parseTileset(t, `tilesets[${i}]`, baseUrl));
  return { tilesets };
}

/** The layers of a tile set that residents choose from: all but the basemap. */
export function safetyLayers(tileset: CatalogTileset): CatalogLayer[] {
  return tileset.layers.filter((layer) => !layer.basemap);
}

/** The tile set named `id`, or the first one when `id` is empty. */
export function selectTileset(catalog: Catalog, id?: string | null): CatalogTileset {
  const tileset = id ? catalog.tilesets.find((t) => t.id === id) : catalog.tilesets[0];
  if (!tileset) {
    throw new CatalogError(id ? `no tile set "${id}" in the catalogue` : 'the catalogue has no tile sets', 'tilesets');
  }
  return tileset;
}

function parseTileset(value: unknown, path: string, baseUrl: string): CatalogTileset {
  const t = record(value, path);
  const tileset: CatalogTileset = {
    id: string(t.id, `${path}.id`),
    title: localized(t.title, `${path}.title`),
    style: httpUrl(t.style, `${path}.style`, baseUrl),
    layers: array(t.layers, `${path}.layers`).map((l, i) => parseLayer(l, `${path}.layers[${i}]`)),
  };
  if (t.tilejson !== undefined) tileset.tilejson = httpUrl(t.tilejson, `${path}.tilejson`, baseUrl);
  if (t.center !== undefined) tileset.center = numbers(t.center, 3, `${path}.center`) as [number, number, number];
  if (t.bounds !== undefined) {
    tileset.bounds = numbers(t.bounds, 4, `${path}.bounds`) as [number, number, number, number];
  }
  const basemap = t.basemap === undefined ? undefined : record(t.basemap, `${path}.basemap`);
  if (basemap?.places !== undefined) tileset.places = httpUrl(basemap.places, `${path}.basemap.places`, baseUrl);
  if (t.lookups !== undefined) {
    const lookups = record(t.lookups, `${path}.lookups`);
    tileset.lookups = Object.fromEntries(Object.entries(lookups).map(([layer, url]) => [layer, httpUrl(url, `${path}.lookups.${layer}`, baseUrl)]));
  }
  return tileset;
}

/** Validates one layer entry of a catalogue (also the restricted style's `safemap:layers`); `path` names it in errors. */
export function parseLayer(value: unknown, path: string): CatalogLayer {
  const l = record(value, path);
  const geometry = l.geometry;
  if (!GEOMETRIES.includes(geometry as LayerGeometry)) {
    throw new CatalogError(`should be one of ${GEOMETRIES.join(', ')}`, `${path}.geometry`);
  }
  const color = string(l.color, `${path}.color`);
  if (!COLOR.test(color)) throw new CatalogError('should be a #rrggbb colour', `${path}.color`);
  const properties = l.properties === undefined ? [] : array(l.properties, `${path}.properties`);
  if (l.basemap !== undefined && typeof l.basemap !== 'boolean') throw new CatalogError('should be a boolean', `${path}.basemap`);
  return {
    id: string(l.id, `${path}.id`),
    title: localized(l.title, `${path}.title`),
    geometry: geometry as LayerGeometry,
    color,
    properties: properties.map((p, i) => string(p, `${path}.properties[${i}]`)),
    basemap: l.basemap === true,
  };
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CatalogError('should be an object', path);
  }
  return value as Record<string, unknown>;
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new CatalogError('should be an array', path);
  return value;
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new CatalogError('should be a non-empty string', path);
  return value;
}

function numbers(value: unknown, length: number, path: string): number[] {
  const list = array(value, path);
  if (list.length !== length || !list.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw new CatalogError(`should be an array of ${length} numbers`, path);
  }
  return list as number[];
}

function localized(value: unknown, path: string): LocalizedText {
  if (typeof value === 'string' && value) return { ko: value, en: value };
  const t = record(value, path);
  const text: LocalizedText = {};
  if (typeof t.ko === 'string' && t.ko) text.ko = t.ko;
  if (typeof t.en === 'string' && t.en) text.en = t.en;
  if (!text.ko && !text.en) throw new CatalogError('should have a "ko" or "en" string', path);
  return text;
}

function httpUrl(value: unknown, path: string, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(string(value, path), baseUrl);
  } catch (error) {
    if (error instanceof CatalogError) throw error;
    throw new CatalogError('should be a URL', path);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CatalogError('should be an http(s) URL', path);
  return url.href;
}
