import { Router } from 'express';
import { SafeMapError } from '../errors.js';
import type { FeatureLookup } from '../lookup/feature_lookup.js';
import { matchExpression, normalizeForSearch, rankMatches, type SearchEntry } from '../search/text_search.js';
import type { Tileset } from '../store/tileset.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { EncodedBody } from './encoded_body.js';
import { requireTileset } from './tileset_routes.js';

export interface SearchRouteOptions {
  /** Seconds clients may cache answers, which change on republish. */
  metadataMaxAge: number;
  /** Cache-Control instead of the public one: restricted answers are private to one browser. */
  cacheControl?: string;
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
 * Candidates checked per layer, column and query. A query as common as "부산" meets most of a national layer; ranking a few
 * thousand of them keeps every answer to milliseconds, and `total` then counts the matches among those checked.
 */
const CANDIDATES = 5000;
/**
 * Largest layer sent whole as a point list. Nearest-shelter lists need every shelter (tens of thousands nationally);
 * a layer of a million cameras would be tens of megabytes serialised on the server's thread, so it is refused.
 */
const MAX_POINT_LIST = 200_000;

/**
 * `GET /tiles/:id/search?q=&layer=&limit=&hazard=`: features whose names or addresses contain the query, grouped by
 * layer, over every feature of the tile set. `GET /tiles/:id/points/:layer`: every feature of a layer as compact
 * columns (id, lon, lat, name, hazards), so a browser can find the nearest ones itself without ever sending where the
 * resident is.
 */
export function searchRoutes(getRegistry: () => TilesetRegistry, options: SearchRouteOptions): Router {
  const router = Router();
  // One serialised point list per layer and feature index: a republish brings a new index, and its lists go with it.
  const pointLists = new WeakMap<FeatureLookup, Map<string, EncodedBody>>();
  const cacheControl = options.cacheControl ?? `public, max-age=${options.metadataMaxAge}`;

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
    const needle = normalizeForSearch(q);
    const match = matchExpression(needle);
    const index = tileset.index;
    // Names first, so a place whose name matches is ranked even when thousands of addresses also mention the query.
    const layers = layer ? [layer] : tileset.layers.filter((l) => !l.basemap).map((l) => l.id);
    const candidates = index && match ? layers.flatMap((id) => (['names', 'places'] as const).flatMap((column) => index.textCandidates(match, column, id, CANDIDATES))) : [];
    const groups = rankMatches(candidates, needle, { limit, ...(layer ? { layer } : {}), ...(keep ? { keep } : {}) });
    res.set('Cache-Control', cacheControl).json({
      groups: groups.map((group) => ({
        layer: group.layer,
        total: group.total,
        results: group.hits.map(({ entry }) => ({ id: entry.id, lon: round(entry.lon), lat: round(entry.lat), properties: { ...entry.properties } })),
      })),
    });
  });

  router.get('/tiles/:id/points/:layer', async (req, res) => {
    const tileset = requireTileset(getRegistry(), req.params.id);
    const layer = requireLayer(tileset, req.params.layer);
    if (Object.keys(req.query).length > 0) throw new SafeMapError('BAD_PARAMETER', 'this resource takes no query parameters');
    const index = tileset.index;
    let lists = index ? pointLists.get(index) : undefined;
    if (index && !lists) pointLists.set(index, (lists = new Map()));
    let body = lists?.get(layer);
    if (body === undefined) {
      body = new EncodedBody(Buffer.from(pointList(tileset, layer, index)));
      lists?.set(layer, body);
    }
    res.set('Cache-Control', cacheControl).type('json');
    await body.send(req, res);
  });

  return router;
}

function pointList(tileset: Tileset, layer: string, index: FeatureLookup | undefined): string {
  const published = tileset.layers.find((l) => l.id === layer)!.properties;
  const keys = POINT_PROPERTIES.filter((key) => Object.hasOwn(published, key));
  const columns = { id: [] as number[], lon: [] as number[], lat: [] as number[], ...Object.fromEntries(keys.map((k) => [k, [] as unknown[]])) } as Record<string, unknown[]>;
  if ((index?.count(layer) ?? 0) > MAX_POINT_LIST) {
    throw new SafeMapError('BAD_PARAMETER', `this layer has more than ${MAX_POINT_LIST} features, too many to list whole; ask for an area with /features?bbox= instead`);
  }
  for (const entry of index?.entries(layer) ?? []) {
    columns.id!.push(entry.id);
    columns.lon!.push(round(entry.lon));
    columns.lat!.push(round(entry.lat));
    for (const key of keys) columns[key]!.push(entry.properties[key] ?? null);
  }
  return JSON.stringify({ layer, count: columns.id!.length, ...columns });
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
