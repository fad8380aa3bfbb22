import { Router, type Request } from 'express';
import { SafeMapError } from '../errors.js';
import { API_KEY_HEADER } from '../security/api_keys.js';
import type { RestrictedAccess } from '../security/security_options.js';
import type { WorkLimiter } from '../security/work_limiter.js';
import type { Tileset } from '../store/tileset.js';
import { securityHeaderList } from './security_headers.js';
import { serveTile } from './tile_endpoint.js';
import { buildTileJson } from './tilejson.js';

const tilePath = /^\/restricted\/tiles\/([a-z][a-z0-9_-]{0,63})(?:@([0-9a-f]{1,64}))?\/([^/]*)\/([^/]*)\/([^/]*)\.mvt$/;
const tileJsonPath = /^\/restricted\/tiles\/([a-z][a-z0-9_-]{0,63})\.json$/;

export interface RestrictedRouteOptions {
  getRestricted: () => RestrictedAccess | undefined;
  baseUrl: (req: Request) => string;
  work: WorkLimiter | undefined;
}

/**
 * Restricted layers under `/restricted/tiles/…`: the same tiles and TileJSON as public sets, but every request must
 * carry an API key (X-SafeMap-Key or `?key=`) valid for the tile set and bound to the page's origin. Answers are
 * private to the browser: shared caches must not keep them, and they vary by origin and key.
 */
export function restrictedRoutes(options: RestrictedRouteOptions): Router {
  const router = Router();
  const privateHeaders = Object.freeze([...securityHeaderList('data'), 'Cache-Control', 'private, max-age=300']);

  router.get(/^\/restricted\//, (req, res, next) => {
    const tile = tilePath.exec(req.path);
    const tilejson = tile ? null : tileJsonPath.exec(req.path);
    if (!tile && !tilejson) {
      next();
      return;
    }
    const id = (tile ?? tilejson)![1]!;
    const { tileset, origin } = authorize(req, options.getRestricted(), id);
    const cors = origin === undefined ? [] : ['Access-Control-Allow-Origin', origin];
    if (tilejson) {
      const json = buildTileJson(tileset, options.baseUrl(req));
      json.tiles = [`${options.baseUrl(req)}/restricted/tiles/${tileset.id}@${tileset.source.version}/{z}/{x}/{y}.mvt`];
      res.set({ 'Cache-Control': 'private, no-cache', Vary: 'Origin, X-SafeMap-Key', ...(origin ? { 'Access-Control-Allow-Origin': origin } : {}) });
      res.json(json);
      return;
    }
    const [, , version, z, x, y] = tile as unknown as [string, string, string | undefined, string, string, string];
    if (version !== undefined && version !== tileset.source.version) throw new SafeMapError('NOT_FOUND', 'this version of the tile set is no longer published');
    // The generic CORS middleware granted `*`; a restricted answer names the one origin its key allows.
    res.removeHeader('Access-Control-Allow-Origin');
    serveTile(req, res, tileset, z, x, y, { headers: privateHeaders, cors, vary: 'Accept-Encoding, Origin, X-SafeMap-Key' }, options.work);
  });
  return router;
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
