import { Router, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PMTiles } from 'pmtiles';
import { fileRangeSource, openArchive } from '../archive/open_archive.js';
import type { WorkLimiter } from '../security/work_limiter.js';
import { ArchiveTileSource } from '../store/archive_tile_source.js';
import type { TileCache } from '../store/tile_cache.js';
import type { BasemapConfig } from '../catalog/catalog_schema.js';
import { SafeMapError } from '../errors.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { publicBaseUrl } from './public_url.js';
import { securityHeaderList } from './security_headers.js';
import { serveTile, tileReplies } from './tile_endpoint.js';
import type { CorsPolicy } from './cors_policy.js';

/** `<name>[@<hash>].pmtiles`, `<name>.json` (TileJSON) and `<name>.places.json`; a name is never a path. */
const basemapFile = /^([a-z][a-z0-9_-]{0,63})(?:@([0-9a-f]{16}))?(\.pmtiles|\.places\.json|\.json)$/;
/** `<name>@<hash>/{z}/{x}/{y}.mvt`: a tile of the archive; the segments are checked by parseTileCoords. */
const basemapTilePath = /^\/basemap\/([a-z][a-z0-9_-]{0,63})@([0-9a-f]{16})\/([^/]{1,10})\/([^/]{1,10})\/([^/]{1,10})\.mvt$/;
/** The IANA-style type the PMTiles project uses for archives. */
const PMTILES_TYPE = 'application/vnd.pmtiles';

export interface BasemapRouteOptions {
  /** The catalogue file; basemap paths in it are relative to its folder. Without it no basemap is served. */
  catalogPath: string | undefined;
  /** Seconds clients may cache the unversioned URLs (TileJSON, gazetteer, archive alias). */
  maxAge: number;
  publicUrl: string | undefined;
  fallbackUrl: string;
  /** The tile cache basemap tiles share with the tile sets, and the bound on reading them. */
  cache: TileCache;
  work: WorkLimiter;
  cors: CorsPolicy;
}

/** How long a look at a basemap archive's file holds before it is looked at again. */
const RECHECK_MS = 1000;

/** A basemap archive as served now: where it is, and the content hash that versions its immutable URL. */
interface ServedArchive {
  readonly file: string;
  readonly hash: string;
  /** Its tiles for z/x/y answers, through the shared tile cache; closed once the file is replaced. */
  readonly tiles: ArchiveTileSource;
  /** When the file was last looked at, in `performance.now()` ms. */
  checkedAt: number;
  readonly header: { minzoom: number; maxzoom: number; bounds: [number, number, number, number] };
  readonly stamp: string;
}

/** The basemap name the catalogue entry is served under: the archive's file name without `.pmtiles`. */
export function basemapName(config: Pick<BasemapConfig, 'archive'>): string {
  return path.basename(config.archive, '.pmtiles');
}

/**
 * `GET /basemap/{name}.json` (TileJSON), `/basemap/{name}@{hash}/{z}/{x}/{y}.mvt` (its tiles, from the archive),
 * `/basemap/{name}@{hash}.pmtiles` (the archive, immutable, HTTP range requests), `/basemap/{name}.pmtiles` (the same,
 * revalidated) and `/basemap/{name}.places.json` (the place gazetteer). Only archives named in the catalogue are served.
 */
export function basemapRoutes(getRegistry: () => TilesetRegistry, options: BasemapRouteOptions): Router {
  const router = Router();
  const served = new Map<string, ServedArchive>();
  const revalidate = `public, max-age=${options.maxAge}`;
  const immutableTile = Object.freeze([...securityHeaderList('tile'), 'Cache-Control', 'public, max-age=31536000, immutable']);
  const vary = options.cors.variesByOrigin ? 'Accept-Encoding, Origin' : 'Accept-Encoding';
  const replies = tileReplies(immutableTile, vary);

  /** The catalogue entry and absolute paths of a basemap name, from the current registry (a reload may change them). */
  const lookup = (name: string) => {
    if (!options.catalogPath) return undefined;
    const config = getRegistry()
      .list()
      .map((tileset) => tileset.config.basemap)
      .find((basemap) => basemap !== undefined && basemapName(basemap) === name);
    if (!config) return undefined;
    const dir = path.dirname(path.resolve(options.catalogPath));
    const archive = path.resolve(dir, config.archive);
    const places = config.places ? path.resolve(dir, config.places) : path.join(path.dirname(archive), `${name}.places.json`);
    return { config, archive, places };
  };

  /**
   * Hash and header of the archive, recomputed only when its size or modification time changes. The file is looked at
   * at most once a second: a map view asks for a dozen tiles at once, and each would otherwise cost a stat.
   */
  const describe = async (file: string): Promise<ServedArchive> => {
    const known = served.get(file);
    if (known && performance.now() - known.checkedAt < RECHECK_MS) return known;
    const info = await stat(file).catch(() => {
      throw new SafeMapError('NOT_FOUND', 'basemap archive missing on the server');
    });
    const stamp = `${info.size}:${info.mtimeMs}`;
    if (known?.stamp === stamp) {
      known.checkedAt = performance.now();
      return known;
    }
    const header = await new PMTiles(fileRangeSource(file)).getHeader();
    const hash = await sha256(file);
    const value: ServedArchive = {
      file,
      hash,
      tiles: new ArchiveTileSource(`basemap:${path.basename(file)}`, hash, await openArchive(file), options.cache),
      header: { minzoom: header.minZoom, maxzoom: header.maxZoom, bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat] },
      stamp,
      checkedAt: performance.now(),
    };
    // Requests still reading the replaced archive finish first.
    if (known) setTimeout(() => void known.tiles.close().catch(() => undefined), 10_000).unref();
    served.set(file, value);
    return value;
  };

  // Tiles by z/x/y from the archive of the current version: each tile its own URL, cached for good. The archive itself
  // stays readable with range requests (static exports read it that way), but a browser that reads one URL by ranges
  // queues them (Chromium's HTTP cache lets one request per URL through at a time) and first fetches the directory.
  router.get(basemapTilePath, async (req: Request, res: Response) => {
    const [, name, version, z, x, y] = basemapTilePath.exec(req.path) as unknown as [string, string, string, string, string, string];
    const found = lookup(name);
    if (!found) throw new SafeMapError('NOT_FOUND', 'no such basemap');
    const current = await describe(found.archive);
    if (version !== current.hash) throw new SafeMapError('NOT_FOUND', 'this basemap version is no longer served');
    // The tile endpoint's own answer: gzip or not as the client accepts, ETag and 304, HEAD, the shared tile cache.
    const origin = req.get('origin');
    serveTile(req, res, { minzoom: 0, maxzoom: current.header.maxzoom, source: current.tiles }, z, x, y, replies(options.cors.headerList(origin)), options.work);
  });

  router.get('/basemap/:file', async (req: Request, res: Response) => {
    const match = typeof req.params.file === 'string' ? basemapFile.exec(req.params.file) : null;
    const found = match ? lookup(match[1]!) : undefined;
    if (!match || !found) throw new SafeMapError('NOT_FOUND', 'no such basemap');
    const [, name, version, kind] = match;
    res.set('X-Content-Type-Options', 'nosniff');
    if (kind === '.places.json') {
      if (version) throw new SafeMapError('NOT_FOUND', 'no such basemap file');
      await sendStatic(res, found.places, 'application/json; charset=utf-8', revalidate);
      return;
    }
    const archive = await describe(found.archive);
    if (kind === '.json') {
      if (version) throw new SafeMapError('NOT_FOUND', 'no such basemap file');
      const base = publicBaseUrl(req, options.publicUrl, options.fallbackUrl);
      res.set('Cache-Control', revalidate).json({
        tilejson: '3.0.0',
        name,
        attribution: found.config.attribution,
        tiles: [`${base}/basemap/${name}@${archive.hash}/{z}/{x}/{y}.mvt`],
        minzoom: archive.header.minzoom,
        maxzoom: archive.header.maxzoom,
        bounds: archive.header.bounds,
        // No vector_layers: one style serves every basemap of the schema, and MapLibre would report each style layer
        // whose source layer a given archive lacks (the demo has no streets, an OSM extract no repeated names).
      });
      return;
    }
    // An old hash means the archive was replaced: its bytes are gone, and serving the new ones under it would lie.
    if (version && version !== archive.hash) throw new SafeMapError('NOT_FOUND', 'this basemap version is no longer served');
    await sendStatic(res, archive.file, PMTILES_TYPE, version ? 'public, max-age=31536000, immutable' : revalidate);
  });
  return router;
}

/** Sends a file with Range, ETag and 304 support (the `send` module behind `res.sendFile`). */
async function sendStatic(res: Response, file: string, contentType: string, cacheControl: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    res.sendFile(
      file,
      { acceptRanges: true, etag: true, lastModified: false, cacheControl: false, dotfiles: 'deny', headers: { 'Content-Type': contentType, 'Cache-Control': cacheControl } },
      (error) => {
        if (!error) resolve();
        else if ((error as NodeJS.ErrnoException).code === 'ENOENT') reject(new SafeMapError('NOT_FOUND', 'basemap file missing on the server'));
        else if (res.headersSent) resolve();
        else reject(error);
      },
    );
  });
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}

