import type { CatalogTileset } from './catalog_client.js';
import type { LngLat } from './geo.js';
import type { PlaceFeature } from './place_feature.js';
import { keyHeaders, type RestrictedLayers } from './restricted_layers.js';

/** One place of the basemap's gazetteer (`/basemap/<name>.places.json`). */
export interface Place {
  name: string;
  name_en?: string;
  kind: 'city' | 'district' | 'neighbourhood' | 'station' | 'place';
  at: LngLat;
}

/** Search results of one catalogue layer: the best few, and how many matched. */
export interface LayerResults {
  layer: string;
  total: number;
  features: PlaceFeature[];
}

/** Folds case, width, spacing and joining punctuation, as the server's search does. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\ufeff\-_.,·'’()/]+/g, '');
}

function base(server: string): string {
  return server.endsWith('/') ? server : `${server}/`;
}

/** The URL of a text search: only the query and the filter go to the server, never a position. */
export function searchUrl(server: string, tileset: CatalogTileset, query: string, options: { limit: number; hazard?: string | undefined }): string {
  const url = new URL(`tiles/${encodeURIComponent(tileset.id)}/search`, base(server));
  url.searchParams.set('q', query.trim().slice(0, 100));
  url.searchParams.set('limit', String(options.limit));
  if (options.hazard) url.searchParams.set('hazard', options.hazard);
  return url.href;
}

type SearchOptions = { limit: number; hazard?: string | undefined; signal: AbortSignal };

/**
 * Asks the tile server for features whose names or addresses contain `query`, grouped by layer; with `restricted`,
 * the restricted layers are searched too (with the key). A refused restricted search leaves the public results.
 */
export async function searchFeatures(server: string, tileset: CatalogTileset, query: string, options: SearchOptions, restricted?: RestrictedLayers): Promise<LayerResults[]> {
  const [open, keyed] = await Promise.all([
    searchOne(server, tileset, query, options, undefined),
    restricted ? searchOne(restricted.base, tileset, query, options, restricted).catch(() => []) : [],
  ]);
  return [...open, ...keyed];
}

async function searchOne(server: string, tileset: CatalogTileset, query: string, options: SearchOptions, restricted: RestrictedLayers | undefined): Promise<LayerResults[]> {
  const url = searchUrl(server, tileset, query, options);
  const response = await fetch(url, { signal: options.signal, headers: { accept: 'application/json', ...keyHeaders(url, restricted) } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body = (await response.json()) as { groups?: unknown };
  if (!Array.isArray(body.groups)) throw new Error(`GET ${url} did not return search groups`);
  return body.groups.flatMap((g: { layer?: unknown; total?: unknown; results?: unknown }) => {
    if (typeof g.layer !== 'string' || !Array.isArray(g.results)) return [];
    const layer = g.layer;
    const features = g.results.flatMap((r: { id?: unknown; lon?: unknown; lat?: unknown; properties?: unknown }) =>
      typeof r.id === 'number' && typeof r.lon === 'number' && typeof r.lat === 'number'
        ? [{ id: r.id, layer, at: [r.lon, r.lat] as LngLat, properties: { ...(r.properties as Record<string, unknown>) } }]
        : [],
    );
    return [{ layer, total: typeof g.total === 'number' ? g.total : features.length, features }];
  });
}

/**
 * The gazetteer beside the style's basemap: a source `pmtiles://…/basemap/<name>.pmtiles` (or its TileJSON URL) has
 * its places at `…/basemap/<name>.places.json`. Undefined when the style has no such basemap.
 */
export function gazetteerUrlOf(style: { sources?: Record<string, { url?: unknown }> }, styleUrl: string): string | undefined {
  for (const source of Object.values(style.sources ?? {})) {
    const url = typeof source.url === 'string' ? source.url.replace(/^pmtiles:\/\//, '') : '';
    const match = /^(.*\/basemap\/[\w.-]+?)\.pmtiles$/.exec(url);
    if (match) {
      try {
        return new URL(`${match[1]}.places.json`, styleUrl).href;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Fetches and checks a gazetteer; entries that do not follow the contract are skipped. */
export async function fetchGazetteer(url: string, signal: AbortSignal): Promise<Place[]> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body = (await response.json()) as { places?: unknown };
  if (!Array.isArray(body.places)) return [];
  const kinds = new Set(['city', 'district', 'neighbourhood', 'station', 'place']);
  return body.places.flatMap((p: Record<string, unknown>) => {
    if (typeof p.name !== 'string' || typeof p.lon !== 'number' || typeof p.lat !== 'number' || !Number.isFinite(p.lon) || !Number.isFinite(p.lat)) return [];
    const place: Place = { name: p.name, kind: kinds.has(p.kind as string) ? (p.kind as Place['kind']) : 'place', at: [p.lon, p.lat] };
    if (typeof p.name_en === 'string' && p.name_en) place.name_en = p.name_en;
    return [place];
  });
}

/** Kinds in the order a resident most likely means them. */
const KIND_ORDER: Record<Place['kind'], number> = { city: 0, district: 1, station: 2, neighbourhood: 3, place: 4 };

/** Places whose Korean or English name contains the query: names that start with it first, then by kind. */
export function searchPlaces(places: readonly Place[], query: string, limit: number): Place[] {
  const needle = normalizeForSearch(query);
  if (needle === '') return [];
  const hits: Array<{ place: Place; score: number }> = [];
  for (const place of places) {
    const names = [place.name, place.name_en].filter((n): n is string => n !== undefined).map(normalizeForSearch);
    if (!names.some((n) => n.includes(needle))) continue;
    hits.push({ place, score: (names.some((n) => n.startsWith(needle)) ? 0 : 10) + KIND_ORDER[place.kind] });
  }
  return hits.sort((a, b) => a.score - b.score).slice(0, limit).map((h) => h.place);
}

/**
 * Zoom a place is shown at, by kind. A place outside the map's region (a city found in the gazetteer's wider
 * context) is shown zoomed out, where the basemap still draws coastline and city names around the region.
 */
export function placeZoom(kind: Place['kind'], inRegion = true): number {
  if (!inRegion) return 7;
  return kind === 'city' ? 11 : kind === 'district' ? 13 : kind === 'neighbourhood' ? 15 : 16;
}
