import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { SafeMapError } from '../errors.js';
import { pageHeaderSetter, widgetVersioner } from './page_routes.js';
import { staticAssets } from './static_assets.js';
const allowedKeys = new Set(['tileset', 'lang', 'layers', 'center', 'zoom']);
const decimal = /^-?\d{1,3}(?:\.\d{1,10})?$/;
/** The embed page's files shipped with the package (same relative place from src/ and dist/). */
export function defaultEmbedDir() {
    return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/embed');
}
/**
 * `GET /embed?tileset=&lang=&layers=&center=&zoom=`: a full-window map for an `<iframe>`, for agencies that cannot
 * change their own CSP. Every parameter is checked against the catalogue or a fixed pattern and a bad one is a 400
 * problem that never repeats it; the HTML itself is a fixed file, so nothing from the URL is ever written into it.
 */
export function embedRoutes(options) {
    const router = Router();
    const assetDir = options.assetDir ?? defaultEmbedDir();
    const html = readFileSync(path.join(assetDir, 'embed.html'), 'utf8');
    const setPageHeaders = pageHeaderSetter(options.frameAncestors);
    const version = options.widgetDir ? widgetVersioner(options.widgetDir) : (page) => page;
    router.get('/embed', (req, res) => {
        parseEmbedParams(req, options.getRegistry());
        setPageHeaders(res);
        res.set({ 'Cache-Control': 'no-cache', 'Content-Type': 'text/html; charset=utf-8' }).send(version(html));
    });
    // Only the page's script and stylesheet; the HTML is served above, after validation.
    router.use('/embed', staticAssets({ dir: assetDir, allow: /^embed\.(?:js|css)$/, maxAge: 300, compressMissing: true }));
    return router;
}
/** Validates an `/embed` query; throws BAD_PARAMETER or NOT_FOUND naming the parameter, never its value. */
export function parseEmbedParams(req, registry) {
    const query = req.query;
    for (const key of Object.keys(query)) {
        if (!allowedKeys.has(key))
            throw new SafeMapError('BAD_PARAMETER', 'unknown query parameter; allowed: tileset, lang, layers, center, zoom');
        if (typeof query[key] !== 'string')
            throw new SafeMapError('BAD_PARAMETER', `${key} may be given once`);
    }
    const value = (key) => query[key];
    const tileset = pickTileset(registry, value('tileset'));
    const params = { tileset: tileset.id };
    const lang = value('lang');
    if (lang !== undefined) {
        if (lang !== 'ko' && lang !== 'en')
            throw new SafeMapError('BAD_PARAMETER', 'lang must be ko or en');
        params.lang = lang;
    }
    const layers = value('layers');
    if (layers !== undefined) {
        const known = new Set(tileset.layers.filter((layer) => !layer.basemap).map((layer) => layer.id));
        const ids = layers.split(',');
        if (ids.length > known.size || !ids.every((id) => known.has(id))) {
            throw new SafeMapError('BAD_PARAMETER', 'layers must be a comma-separated list of layer ids of the tile set');
        }
        params.layers = ids;
    }
    const center = value('center');
    if (center !== undefined) {
        const parts = center.split(',');
        const [lon, lat] = parts.map(Number);
        if (parts.length !== 2 || !parts.every((part) => decimal.test(part)) || Math.abs(lon) > 180 || Math.abs(lat) > 85) {
            throw new SafeMapError('BAD_PARAMETER', 'center must be "longitude,latitude" in degrees');
        }
        params.center = [lon, lat];
    }
    const zoom = value('zoom');
    if (zoom !== undefined) {
        if (!/^\d{1,2}(?:\.\d{1,3})?$/.test(zoom) || Number(zoom) > 24)
            throw new SafeMapError('BAD_PARAMETER', 'zoom must be a number from 0 to 24');
        params.zoom = Number(zoom);
    }
    return params;
}
function pickTileset(registry, id) {
    const tileset = id === undefined ? registry.list()[0] : registry.get(id);
    if (!tileset)
        throw new SafeMapError('NOT_FOUND', 'no such tile set');
    return tileset;
}
//# sourceMappingURL=embed_routes.js.map