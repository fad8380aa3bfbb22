import { Router, type Request } from 'express';
import { SafeMapError } from '../errors.js';
import { API_KEY_HEADER } from '../security/api_keys.js';
import type { RestrictedAccess } from '../security/security_options.js';
import type { WorkLimiter } from '../security/work_limiter.js';
import type { Tileset } from '../store/tileset.js';
import { catalogTilesetJson } from './catalog_json.js';
import { searchRoutes } from './search_routes.js';
import { securityHeaderList } from './security_headers.js';
import { buildStyleJson } from './style_json.js';
import { serveTile, tileReplies } from './tile_endpoint.js';
import { parseTilePath } from '../tiling/tile_path.js';
import { buildTileJson } from './tilejson.js';
import { tilesetRoutes } from './tileset_routes.js';

const tileJsonPath = /^\/restricted\/tiles\/([a-z][a-z0-9_-]{0,63})\.json$/;
const stylePath = /^\/restricted\/styles\/([a-z][a-z0-9_-]{0,63})\.json$/;
/** Look-ups below `/restricted` (prefix removed): the same features, search and point lists as public tile sets. */
const lookupPath = /^\/tiles\/([a-z][a-z0-9_-]{0,63})\/(?:features|search|points)(?:\/|$)/;
const PRIVATE_METADATA = 'private, no-cache';

export interface RestrictedRouteOptions {
  getRestricted: () => RestrictedAccess | undefined;
  baseUrl: (req: Request) => string;
  work: WorkLimiter | undefined;
  /** For the look-up routes shared with public tile sets; they never build a URL under `/restricted`. */
  publicUrl: string | undefined;
  fallbackUrl: string;
}

/**
 * Restricted layers under `/restricted/tiles/…`: the same tiles and TileJSON as public sets, but every request must
 * carry an API key (X-SafeMap-Key or `?key=`) valid for the tile set and bound to the page's origin. Answers are
 * private to the browser: shared caches must not keep them, and they vary by origin and key.
 */
export function restrictedRoutes(options: RestrictedRouteOptions): Router {
  const router = Router();
  const privateHeaders = Object.freeze([...securityHeaderList('data'), 'Cache-Control', 'private, max-age=300']);
  const replies = tileReplies(privateHeaders, 'Accept-Encoding, Origin, X-SafeMap-Key');

  router.get(/^\/restricted\//, (req, res, next) => {
    const tile = parseTilePath(req.path, '/restricted/tiles/');
    const tilejson = tile ? null : tileJsonPath.exec(req.path);
    const style = tile || tilejson ? null : stylePath.exec(req.path);
    if (!tile && !tilejson && !style) {
      next();
      return;
    }
    const id = tile ? tile.id : (tilejson ?? style)![1]!;
    const { tileset, origin } = authorize(req, options.getRestricted(), id);
    const cors = origin === undefined ? [] : ['Access-Control-Allow-Origin', origin];
    if (style) {
      res.set({ 'Cache-Control': PRIVATE_METADATA, Vary: 'Origin, X-SafeMap-Key', ...(origin ? { 'Access-Control-Allow-Origin': origin } : {}) });
      res.json(restrictedStyle(tileset, options.baseUrl(req)));
      return;
    }
    if (tilejson) {
      const json = buildTileJson(tileset, options.baseUrl(req));
      json.tiles = [`${options.baseUrl(req)}/restricted/tiles/${tileset.id}@${tileset.source.version}/{z}/{x}/{y}.mvt`];
      res.set({ 'Cache-Control': 'private, no-cache', Vary: 'Origin, X-SafeMap-Key', ...(origin ? { 'Access-Control-Allow-Origin': origin } : {}) });
      res.json(json);
      return;
    }
    const { version, z, x, y } = tile!;
    if (version !== undefined && version !== tileset.source.version) throw new SafeMapError('NOT_FOUND', 'this version of the tile set is no longer published');
    // The generic CORS middleware granted `*`; a restricted answer names the one origin its key allows.
    res.removeHeader('Access-Control-Allow-Origin');
    serveTile(req, res, tileset, z, x, y, replies(cors), options.work);
  });

  // Feature look-ups, search and point lists of restricted layers, so a widget given a key can show their popups,
  // list and search like public ones. Anything else under /restricted/ is unknown.
  const registry = () => options.getRestricted()!.registry;
  router.use(
    '/restricted',
    (req, res, next) => {
      const lookup = lookupPath.exec(req.path);
      if (!lookup) throw new SafeMapError('NOT_FOUND', 'no such resource');
      const { origin } = authorize(req, options.getRestricted(), lookup[1]!);
      res.removeHeader('Access-Control-Allow-Origin');
      res.set({ Vary: 'Origin, X-SafeMap-Key', ...(origin ? { 'Access-Control-Allow-Origin': origin } : {}) });
      next();
    },
    tilesetRoutes(registry, { publicUrl: options.publicUrl, fallbackUrl: options.fallbackUrl, metadataMaxAge: 0, lookupCacheControl: PRIVATE_METADATA }),
    searchRoutes(registry, { metadataMaxAge: 0, cacheControl: PRIVATE_METADATA }),
  );
  return router;
}

/**
 * The restricted layers of a tile set as a style to lay over its public one: their source (the restricted TileJSON)
 * and style layers, and in `safemap:layers` their catalogue entries for a legend. No background, basemap or sprite:
 * those come from the public style. Icon layers are left out, since the public sprite holds only public layers' images;
 * the layers' circles, lines and areas draw them.
 */
function restrictedStyle(tileset: Tileset, baseUrl: string) {
  const style = buildStyleJson(tileset, baseUrl);
  return {
    version: 8,
    metadata: { 'safemap:tileset': tileset.id, 'safemap:version': tileset.source.version, 'safemap:layers': catalogTilesetJson(tileset, baseUrl).layers },
    sources: { [tileset.id]: { type: 'vector', url: `${baseUrl}/restricted/tiles/${tileset.id}.json`, attribution: tileset.attribution } },
    layers: style.layers.filter((layer) => 'source' in layer && layer.source === tileset.id && !(layer.metadata as Record<string, unknown> | undefined)?.['safemap:icon']),
  };
}

function authorize(req: Request, access: RestrictedAccess | undefined, id: string): { tileset: Tileset; origin: string | undefined } {
  const header = req.get(API_KEY_HEADER);
  const query = typeof req.query.key === 'string' ? req.query.key : undefined;
  const presented = header ?? query;
  // Without any restricted data the answer is the same as with a wrong key, so probing reveals nothing.
  if (!access || access.keys.size === 0) throw new SafeMapError('UNAUTHORIZED', 'this layer needs a valid API key (X-SafeMap-Key header)');
  const grant = access.keys.authorize(req, presented, id);
  const tileset = access.registry.get(id);
  if (!tileset) throw new SafeMapError('NOT_FOUND', 'no such restricted tile set');
  return { tileset, origin: grant.origin };
}
