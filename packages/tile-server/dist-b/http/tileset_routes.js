import { Router } from 'express';
import { SafeMapError } from '../errors.js';
import { buildCatalogJson } from './catalog_json.js';
import { publicBaseUrl } from './public_url.js';
import { buildStyleJson } from './style_json.js';
import { buildTileJson } from './tilejson.js';
const MAX_FEATURES = 1000;
/** Catalogue, TileJSON, style and feature look-ups: everything about a tile set except its tiles. */
export function tilesetRoutes(getRegistry, options) {
    const router = Router();
    const base = (req) => publicBaseUrl(req, options.publicUrl, options.fallbackUrl);
    const cacheControl = options.lookupCacheControl ?? `public, max-age=${options.metadataMaxAge}`;
    // The catalogue, TileJSON and style name the live version: a page reloaded after a publish or rollback must see
    // it at once, so caches revalidate every time (a 304 against the strong ETag Express computes from the body).
    const revalidate = 'public, no-cache';
    router.get('/catalog', (req, res) => {
        res.set('Cache-Control', revalidate).json(buildCatalogJson(getRegistry(), base(req)));
    });
    router.get('/tiles/:id.json', (req, res) => {
        res.set('Cache-Control', revalidate).json(buildTileJson(requireTileset(getRegistry(), req.params.id), base(req)));
    });
    router.get('/styles/:id.json', (req, res) => {
        res.set('Cache-Control', revalidate).json(buildStyleJson(requireTileset(getRegistry(), req.params.id), base(req)));
    });
    router.get('/tiles/:id/features', (req, res) => {
        const tileset = requireTileset(getRegistry(), req.params.id);
        const layer = optionalLayer(tileset, req.query.layer);
        const bbox = parseBBox(req.query.bbox);
        const limit = parseLimit(req.query.limit);
        const hits = tileset.index ? tileset.index.search(bbox, { ...(layer ? { layer } : {}), limit }) : [];
        res.set('Cache-Control', cacheControl).json({
            type: 'FeatureCollection',
            features: hits.map((hit) => toGeojson(hit.layer, hit.feature)),
        });
    });
    router.get('/tiles/:id/features/:layer/:fid', (req, res) => {
        const tileset = requireTileset(getRegistry(), req.params.id);
        const layer = optionalLayer(tileset, req.params.layer);
        const id = /^(0|[1-9]\d{0,8})$/.test(req.params.fid) ? Number(req.params.fid) : undefined;
        const feature = layer && id !== undefined ? tileset.index?.get(layer, id) : undefined;
        if (!layer || !feature)
            throw new SafeMapError('NOT_FOUND', 'no such feature');
        res.set('Cache-Control', cacheControl).json(toGeojson(layer, feature));
    });
    return router;
}
/** The tile set named in a request: 404 when the catalogue has none, 503 while its archive is refused. */
export function requireTileset(registry, id) {
    const tileset = id === undefined ? undefined : registry.get(id);
    if (tileset)
        return tileset;
    if (id !== undefined && registry.isRefused(id))
        throw tilesetUnavailable();
    throw new SafeMapError('NOT_FOUND', 'no such tile set');
}
/** The answer for a tile set whose published archive was refused at load: temporary, so 503 and not 404. */
export function tilesetUnavailable() {
    return new SafeMapError('TILESET_UNAVAILABLE', 'this tile set cannot be served right now; try again later', { retryAfter: 30 });
}
function optionalLayer(tileset, value) {
    if (value === undefined)
        return undefined;
    const layer = typeof value === 'string' ? tileset.layers.find((candidate) => candidate.id === value) : undefined;
    if (!layer)
        throw new SafeMapError('NOT_FOUND', 'no such layer in this tile set');
    return layer.id;
}
function parseBBox(value) {
    const parts = typeof value === 'string' ? value.split(',') : [];
    const numbers = parts.map((part) => (/^-?\d{1,3}(\.\d{1,12})?$/.test(part.trim()) ? Number(part) : NaN));
    const [west, south, east, north] = numbers;
    const valid = numbers.length === 4 &&
        numbers.every(Number.isFinite) &&
        west >= -180 && east <= 180 && south >= -90 && north <= 90 && west <= east && south <= north;
    if (!valid)
        throw new SafeMapError('BAD_PARAMETER', 'bbox must be west,south,east,north in degrees');
    return [west, south, east, north];
}
function parseLimit(value) {
    if (value === undefined)
        return 100;
    if (typeof value !== 'string' || !/^[1-9]\d{0,3}$/.test(value) || Number(value) > MAX_FEATURES) {
        throw new SafeMapError('BAD_PARAMETER', `limit must be an integer from 1 to ${MAX_FEATURES}`);
    }
    return Number(value);
}
function toGeojson(layer, feature) {
    return { type: 'Feature', id: feature.id, layer, geometry: feature.geometry, properties: { ...feature.properties } };
}
//# sourceMappingURL=tileset_routes.js.map