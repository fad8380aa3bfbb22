import { Router } from 'express';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PMTiles } from 'pmtiles';
import { fileRangeSource } from '../archive/open_archive.js';
import { SafeMapError } from '../errors.js';
import { publicBaseUrl } from './public_url.js';
/** `<name>[@<hash>].pmtiles`, `<name>.json` (TileJSON) and `<name>.places.json`; a name is never a path. */
const basemapFile = /^([a-z][a-z0-9_-]{0,63})(?:@([0-9a-f]{16}))?(\.pmtiles|\.places\.json|\.json)$/;
/** The IANA-style type the PMTiles project uses for archives. */
const PMTILES_TYPE = 'application/vnd.pmtiles';
/** The basemap name the catalogue entry is served under: the archive's file name without `.pmtiles`. */
export function basemapName(config) {
    return path.basename(config.archive, '.pmtiles');
}
/**
 * `GET /basemap/{name}.json` (TileJSON whose tiles are read from the archive by the `pmtiles` protocol),
 * `/basemap/{name}@{hash}.pmtiles` (the archive, immutable, HTTP range requests), `/basemap/{name}.pmtiles` (the same,
 * revalidated) and `/basemap/{name}.places.json` (the place gazetteer). Only archives named in the catalogue are served.
 */
export function basemapRoutes(getRegistry, options) {
    const router = Router();
    const served = new Map();
    const revalidate = `public, max-age=${options.maxAge}`;
    /** The catalogue entry and absolute paths of a basemap name, from the current registry (a reload may change them). */
    const lookup = (name) => {
        if (!options.catalogPath)
            return undefined;
        const config = getRegistry()
            .list()
            .map((tileset) => tileset.config.basemap)
            .find((basemap) => basemap !== undefined && basemapName(basemap) === name);
        if (!config)
            return undefined;
        const dir = path.dirname(path.resolve(options.catalogPath));
        const archive = path.resolve(dir, config.archive);
        const places = config.places ? path.resolve(dir, config.places) : path.join(path.dirname(archive), `${name}.places.json`);
        return { config, archive, places };
    };
    /** Hash and header of the archive, recomputed only when its size or modification time changes. */
    const describe = async (file) => {
        const info = await stat(file).catch(() => {
            throw new SafeMapError('NOT_FOUND', 'basemap archive missing on the server');
        });
        const stamp = `${info.size}:${info.mtimeMs}`;
        const known = served.get(file);
        if (known?.stamp === stamp)
            return known;
        const archive = new PMTiles(fileRangeSource(file));
        const header = await archive.getHeader();
        const value = {
            file,
            hash: await sha256(file),
            header: { minzoom: header.minZoom, maxzoom: header.maxZoom, bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat] },
            stamp,
        };
        served.set(file, value);
        return value;
    };
    router.get('/basemap/:file', async (req, res) => {
        const match = typeof req.params.file === 'string' ? basemapFile.exec(req.params.file) : null;
        const found = match ? lookup(match[1]) : undefined;
        if (!match || !found)
            throw new SafeMapError('NOT_FOUND', 'no such basemap');
        const [, name, version, kind] = match;
        res.set('X-Content-Type-Options', 'nosniff');
        if (kind === '.places.json') {
            if (version)
                throw new SafeMapError('NOT_FOUND', 'no such basemap file');
            await sendStatic(res, found.places, 'application/json; charset=utf-8', revalidate);
            return;
        }
        const archive = await describe(found.archive);
        if (kind === '.json') {
            if (version)
                throw new SafeMapError('NOT_FOUND', 'no such basemap file');
            const base = publicBaseUrl(req, options.publicUrl, options.fallbackUrl);
            res.set('Cache-Control', revalidate).json({
                tilejson: '3.0.0',
                name,
                attribution: found.config.attribution,
                tiles: [`pmtiles://${base}/basemap/${name}@${archive.hash}.pmtiles/{z}/{x}/{y}`],
                minzoom: archive.header.minzoom,
                maxzoom: archive.header.maxzoom,
                bounds: archive.header.bounds,
                // No vector_layers: one style serves every basemap of the schema, and MapLibre would report each style layer
                // whose source layer a given archive lacks (the demo has no streets, an OSM extract no repeated names).
            });
            return;
        }
        // An old hash means the archive was replaced: its bytes are gone, and serving the new ones under it would lie.
        if (version && version !== archive.hash)
            throw new SafeMapError('NOT_FOUND', 'this basemap version is no longer served');
        await sendStatic(res, archive.file, PMTILES_TYPE, version ? 'public, max-age=31536000, immutable' : revalidate);
    });
    return router;
}
/** Sends a file with Range, ETag and 304 support (the `send` module behind `res.sendFile`). */
async function sendStatic(res, file, contentType, cacheControl) {
    await new Promise((resolve, reject) => {
        res.sendFile(file, { acceptRanges: true, etag: true, lastModified: false, cacheControl: false, dotfiles: 'deny', headers: { 'Content-Type': contentType, 'Cache-Control': cacheControl } }, (error) => {
            if (!error)
                resolve();
            else if (error.code === 'ENOENT')
                reject(new SafeMapError('NOT_FOUND', 'basemap file missing on the server'));
            else if (res.headersSent)
                resolve();
            else
                reject(error);
        });
    });
}
async function sha256(file) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file))
        hash.update(chunk);
    return hash.digest('hex').slice(0, 16);
}
//# sourceMappingURL=basemap_routes.js.map