import { Router } from 'express';
import { SafeMapError } from '../errors.js';
import type { FeatureLookup } from '../lookup/feature_lookup.js';
import { TextSearchIndex, type SearchEntry } from '../search/text_search.js';
import type { Tileset } from '../store/tileset.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { requireTileset } from './tileset_routes.js';

export interface SearchRouteOptions {
  /** Seconds clients may cache answers, which change on republish. */
  metadataMaxAge: number;
}

/** Most hits per layer one query may ask for. */
const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 10;
/** Longest query, in characters: longer text names no place. */
const MAX_QUERY = 100;
const SEARCH_KEYS = new Set(['q', 'layer', 'limit', 'hazard']);
/** Properties a compact point list carries beside id and position: enough to list and filter nearest shelters. */
const POINT_PROPERTIES = ['name', 'hazards'] as const;

/**
 * `GET /tiles/:id/search?q=&layer=&limit=&hazard=`: features whose names or addresses contain the query, grouped by
 * layer, over every feature of the tile set. `GET /tiles/:id/points/:layer`: every feature of a layer as compact
 * columns (id, lon, lat, name, hazards), so a browser can find the nearest ones itself without ever sending where the
 * resident is.
 */
export function searchRoutes(getRegistry: () => TilesetRegistry, options: SearchRouteOptions): Router {
  const router = Router();
  // One text index per feature index: a republish brings a new feature index, and the old text index goes with it.
  const indexes = new WeakMap<FeatureLookup, TextSearchIndex>();
  const textIndex = (features: FeatureLookup): TextSearchIndex => {
    let index = indexes.get(features);
    if (!index) indexes.set(features, (index = new TextSearchIndex(features.entries() as Iterable<SearchEntry>)));
    return index;
  };
  const cacheControl = `public, max-age=${options.metadataMaxAge}`;

  router.get('/tiles/:id/search', (req, res) => {
    const tileset = requireTileset(getRegistry(), req.params.id);
    const query = req.query as Record<string, unknown>;
    for (const key of Object.keys(query)) {
      if (!SEARCH_KEYS.has(key)) throw new SafeMapError('BAD_PARAMETER', 'unknown query parameter; allowed: q, layer, limit, hazard');
      if (typeof query[key] !== 'string') throw new SafeMapError('BAD_PARAMETER', `${key} may be given once`);
    }
    const q = typeof query.q === 'string' ? query.q.trim() : '';
    if (q === '' || [...q].length > MAX_QUERY) throw new SafeMapError('BAD_PARAMETER', `q must be 1 to ${MAX_QUERY} characters`);
    const layer = query.layer === undefined ? undefined : requireLayer(tileset, query.layer as string);
    const limit = parseLimit(query.limit as string | undefined);
    const hazard = query.hazard as string | undefined;
    if (hazard !== undefined && !/^[a-z][a-z-]{0,31}$/.test(hazard)) throw new SafeMapError('BAD_PARAMETER', 'hazard must be a hazard code such as tsunami');
    // The hazard filter applies where the map applies it: to layers that publish `hazards`, the others pass untouched.
    const hazardLayers = new Set(tileset.layers.filter((l) => Object.hasOwn(l.properties, 'hazards')).map((l) => l.id));
    const keep = hazard === undefined ? undefined : (entry: SearchEntry) => !hazardLayers.has(entry.layer) || servesHazard(entry, hazard);
    const groups = tileset.index ? textIndex(tileset.index).search(q, { limit, ...(layer ? { layer } : {}), ...(keep ? { keep } : {}) }) : [];
    res.set('Cache-Control', cacheControl).json({
      groups: groups.map((group) => ({
        layer: group.layer,
        total: group.total,
        results: group.hits.map(({ entry }) => ({ id: entry.id, lon: round(entry.lon), lat: round(entry.lat), properties: { ...entry.properties } })),
      })),
    });
  });

  router.get('/tiles/:id/points/:layer', (req, res) => {
    const tileset = requireTileset(getRegistry(), req.params.id);
    const layer = requireLayer(tileset, req.params.layer);
    if (Object.keys(req.query).length > 0) throw new SafeMapError('BAD_PARAMETER', 'this resource takes no query parameters');
    const published = tileset.layers.find((l) => l.id === layer)!.properties;
    const keys = POINT_PROPERTIES.filter((key) => Object.hasOwn(published, key));
    const columns = { id: [] as number[], lon: [] as number[], lat: [] as number[], ...Object.fromEntries(keys.map((k) => [k, [] as unknown[]])) } as Record<string, unknown[]>;
    for (const entry of tileset.index?.entries() ?? []) {
      if (entry.layer !== layer) continue;
      columns.id!.push(entry.id);
      columns.lon!.push(round(entry.lon));
      columns.lat!.push(round(entry.lat));
      for (const key of keys) columns[key]!.push(entry.properties[key] ?? null);
    }
    res.set('Cache-Control', cacheControl).json({ layer, count: columns.id!.length, ...columns });
  });

  return router;
}

function requireLayer(tileset: Tileset, id: string): string {
  const layer = tileset.layers.find((candidate) => candidate.id === id && !candidate.basemap);
  if (!layer) throw new SafeMapError('NOT_FOUND', 'no such layer in this tile set');
  return layer.id;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (!/^[1-9]\d{0,2}$/.test(value) || Number(value) > MAX_LIMIT) throw new SafeMapError('BAD_PARAMETER', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  return Number(value);
}

function servesHazard(entry: SearchEntry, hazard: string): boolean {
  const list = entry.properties.hazards;
  return typeof list === 'string' && list.split(',').some((code) => code.trim() === hazard);
}

/** Six decimals: about 0.1 m, finer than any source, and a third of the bytes of a full double. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
