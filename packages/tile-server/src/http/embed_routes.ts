import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Request } from 'express';
import { SafeMapError } from '../errors.js';
import type { Tileset } from '../store/tileset.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { pageHeaderSetter, widgetVersioner } from './page_routes.js';
import { staticAssets } from './static_assets.js';

export interface EmbedRouteOptions {
  getRegistry: () => TilesetRegistry;
  /** `frame-ancestors` sources: the agency sites allowed to put `/embed` in an iframe. */
  frameAncestors: readonly string[];
  /** Folder holding embed.html, embed.js and embed.css. */
  assetDir?: string;
  /** Folder of the built widget, whose manifest names the versioned bundle the page loads. */
  widgetDir?: string;
}

/** The validated settings of an `/embed` request; what the page's script will read back from the URL. */
export interface EmbedParams {
  tileset: string;
  lang?: 'ko' | 'en';
  layers?: string[];
  center?: [number, number];
  zoom?: number;
}

const allowedKeys = new Set(['tileset', 'lang', 'layers', 'center', 'zoom']);
const decimal = /^-?\d{1,3}(?:\.\d{1,10})?$/;

/** The embed page's files shipped with the package (same relative place from src/ and dist/). */
export function defaultEmbedDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/embed');
}

/**
 * `GET /embed?tileset=&lang=&layers=&center=&zoom=`: a full-window map for an `<iframe>`, for agencies that cannot
 * change their own CSP. Every parameter is checked against the catalogue or a fixed pattern and a bad one is a 400
 * problem that never repeats it; the HTML itself is a fixed file, so nothing from the URL is ever written into it.
 */
export function embedRoutes(options: EmbedRouteOptions): Router {
  const router = Router();
  const assetDir = options.assetDir ?? defaultEmbedDir();
  const html = readFileSync(path.join(assetDir, 'embed.html'), 'utf8');
  const setPageHeaders = pageHeaderSetter(options.frameAncestors);
  const version = options.widgetDir ? widgetVersioner(options.widgetDir) : (page: string) => page;

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
export function parseEmbedParams(req: Pick<Request, 'query'>, registry: TilesetRegistry): EmbedParams {
  const query = req.query as Record<string, unknown>;
  for (const key of Object.keys(query)) {
    if (!allowedKeys.has(key)) throw new SafeMapError('BAD_PARAMETER', 'unknown query parameter; allowed: tileset, lang, layers, center, zoom');
    if (typeof query[key] !== 'string') throw new SafeMapError('BAD_PARAMETER', `${key} may be given once`);
  }
  const value = (key: string) => query[key] as string | undefined;
  const tileset = pickTileset(registry, value('tileset'));
  const params: EmbedParams = { tileset: tileset.id };
  const lang = value('lang');
  if (lang !== undefined) {
    if (lang !== 'ko' && lang !== 'en') throw new SafeMapError('BAD_PARAMETER', 'lang must be ko or en');
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
    const [lon, lat] = parts.map(Number) as [number, number];
    if (parts.length !== 2 || !parts.every((part) => decimal.test(part)) || Math.abs(lon) > 180 || Math.abs(lat) > 85) {
      throw new SafeMapError('BAD_PARAMETER', 'center must be "longitude,latitude" in degrees');
    }
    params.center = [lon, lat];
  }
  const zoom = value('zoom');
  if (zoom !== undefined) {
    if (!/^\d{1,2}(?:\.\d{1,3})?$/.test(zoom) || Number(zoom) > 24) throw new SafeMapError('BAD_PARAMETER', 'zoom must be a number from 0 to 24');
    params.zoom = Number(zoom);
  }
  return params;
}

function pickTileset(registry: TilesetRegistry, id: string | undefined): Tileset {
  const tileset = id === undefined ? registry.list()[0] : registry.get(id);
  if (!tileset) throw new SafeMapError('NOT_FOUND', 'no such tile set');
  return tileset;
}
