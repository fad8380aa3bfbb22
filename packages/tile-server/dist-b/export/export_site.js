import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bytesToHeader } from 'pmtiles';
import { loadCatalog } from '../catalog/load_catalog.js';
import { publicCatalog } from '../catalog/split_restricted.js';
import { SafeMapError } from '../errors.js';
import { basemapName } from '../http/basemap_routes.js';
import { silentLogger } from '../log.js';
import { defaultPageDir } from '../http/agency_page.js';
import { defaultWidgetDir } from '../server/default_paths.js';
import { SpriteStore } from '../sprites/sprite_store.js';
import { exportPage, versionedName } from './export_page.js';
import { closeExportedTilesets, exportTilesets } from './export_tilesets.js';
import { headersFile, nginxSnippet } from './site_headers.js';
import { exportedBasemapTileJson, exportedCatalog, exportedStyle, exportedTileJson, siteLinker } from './site_documents.js';
import { DEFAULT_LOOKUP_FEATURES, staticLookups } from './static_lookups.js';
/** The file names MapLibre derives from a style's sprite base. */
const SPRITE_VARIANTS = [
    ['.json', 1, 'json'],
    ['.png', 1, 'png'],
    ['@2x.json', 2, 'json'],
    ['@2x.png', 2, 'png'],
];
/**
 * `safemap export`: the public map as a self-contained folder for any static host. `index.html` is the map; the
 * widget reads tiles straight from the PMTiles archives with HTTP range requests, so no SafeMap process is needed.
 * Restricted layers are never exported: everything comes from the public part of the catalogue. The folder is
 * written beside the output and renamed into place, so a failed export never leaves half a site.
 */
export async function exportSite(options) {
    const logger = options.logger ?? silentLogger();
    const frameAncestors = options.frameAncestors ?? ["'self'"];
    const outDir = path.resolve(options.outDir);
    if (existsSync(outDir) && readdirSync(outDir).length > 0 && !options.force) {
        throw new SafeMapError('OUTPUT_EXISTS', `${outDir} exists and is not empty: use -f to replace it`);
    }
    const catalog = publicCatalog(await loadCatalog(options.catalogPath));
    if (catalog.catalog.tilesets.length === 0)
        throw new SafeMapError('CATALOG_INVALID', `${catalog.file}: no public layer to export`);
    await mkdir(path.dirname(outDir), { recursive: true });
    const staging = await mkdtemp(path.join(path.dirname(outDir), `.${path.basename(outDir)}.export-`));
    // mkdtemp makes the folder private; a web server's own user must read the site.
    await chmod(staging, 0o755);
    const buildDir = await mkdtemp(path.join(tmpdir(), 'safemap-export-build-'));
    const written = [];
    const put = async (file, kind, bytes) => {
        await mkdir(path.dirname(path.join(staging, file)), { recursive: true });
        await writeFile(path.join(staging, file), bytes);
        if (kind)
            written.push({ path: file, kind, bytes: Buffer.byteLength(bytes) });
    };
    const link = siteLinker(options.publicUrl);
    let tilesets = [];
    try {
        tilesets = await exportTilesets(catalog, buildDir, logger);
        const sprites = new SpriteStore();
        const entries = [];
        const summary = [];
        const basemaps = new Map();
        for (const { tileset, archive, built } of tilesets) {
            const archivePath = `tiles/${tileset.id}.${tileset.source.version}.pmtiles`;
            await copyInto(archive, path.join(staging, archivePath));
            written.push({ path: archivePath, kind: 'immutable', bytes: await sizeOf(path.join(staging, archivePath)) });
            const sheets = await Promise.all([sprites.get(tileset, 1), sprites.get(tileset, 2)]);
            const spriteBytes = SPRITE_VARIANTS.map(([, ratio, part]) => sheets[ratio - 1][part]);
            const spriteBase = `sprites/${tileset.id}.${sha256(Buffer.concat(spriteBytes)).slice(0, 12)}`;
            for (const [index, [suffix]] of SPRITE_VARIANTS.entries())
                await put(`${spriteBase}${suffix}`, 'immutable', spriteBytes[index]);
            const lookups = staticLookups(tileset, options.maxLookupFeatures ?? DEFAULT_LOOKUP_FEATURES);
            const lookupPaths = {};
            for (const file of lookups.files) {
                lookupPaths[file.layer] = `lookups/${versionedName(`${tileset.id}-${file.layer}.json`, Buffer.from(file.body))}`;
                await put(lookupPaths[file.layer], 'immutable', file.body);
            }
            const basemapConfig = tileset.config.basemap;
            let basemap;
            if (basemapConfig) {
                const source = path.resolve(catalog.baseDir, basemapConfig.archive);
                basemap = basemaps.get(source) ?? (await exportBasemap(source, basemapConfig, catalog.baseDir, staging, put, link));
                basemaps.set(source, basemap);
                if (!written.some((file) => file.path === basemap.archive))
                    written.push({ path: basemap.archive, kind: 'immutable', bytes: await sizeOf(path.join(staging, basemap.archive)) });
            }
            const paths = {
                archive: archivePath,
                tilejson: `tiles/${tileset.id}.json`,
                style: `styles/${tileset.id}.json`,
                sprite: spriteBase,
                lookups: lookupPaths,
                ...(basemap ? { basemap } : {}),
            };
            await put(paths.tilejson, 'document', json(exportedTileJson(tileset, paths, link)));
            await put(paths.style, 'document', json(exportedStyle(tileset, paths, link)));
            entries.push({ tileset, paths });
            summary.push({ id: tileset.id, version: tileset.source.version, built, lookups: Object.keys(lookupPaths), lookupsSkipped: lookups.skipped });
        }
        await put('catalog.json', 'document', json(exportedCatalog(entries, 'catalog.json', link)));
        const page = exportPage({ site: catalog.catalog, pageDir: options.pageDir ?? defaultPageDir(), widgetDir: options.widgetDir ?? defaultWidgetDir(), catalog: 'catalog.json', frameAncestors });
        for (const asset of page.assets)
            await put(asset.path, asset.path.endsWith('.gz') ? undefined : 'immutable', asset.bytes);
        await put('index.html', 'page', page.html);
        const files = [...written].sort((a, b) => a.path.localeCompare(b.path));
        await put('_headers', undefined, headersFile(files, frameAncestors));
        await put('safemap-nginx.conf', undefined, nginxSnippet(files, frameAncestors));
        if (existsSync(outDir))
            await rm(outDir, { recursive: true, force: true });
        await rename(staging, outDir);
        return { outDir, files, tilesets: summary };
    }
    catch (error) {
        await rm(staging, { recursive: true, force: true });
        throw error;
    }
    finally {
        await closeExportedTilesets(tilesets);
        await rm(buildDir, { recursive: true, force: true });
    }
}
/** Copies the basemap archive under a content-hashed name, with its TileJSON and place gazetteer. */
async function exportBasemap(source, config, baseDir, staging, put, link) {
    const name = basemapName(config);
    const archive = `basemap/${name}.${(await sha256File(source)).slice(0, 16)}.pmtiles`;
    await copyInto(source, path.join(staging, archive));
    const header = bytesToHeader(await readHead(source, 127));
    const placesSource = config.places ? path.resolve(baseDir, config.places) : path.join(path.dirname(source), `${name}.places.json`);
    const places = existsSync(placesSource) ? `basemap/${name}.places.json` : undefined;
    if (places)
        await put(places, 'document', await readFile(placesSource));
    const basemap = { archive, tilejson: `basemap/${name}.json`, places, header: { minzoom: header.minZoom, maxzoom: header.maxZoom, bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat] } };
    await put(basemap.tilejson, 'document', json(exportedBasemapTileJson(name, config.attribution, basemap, link)));
    return basemap;
}
async function copyInto(from, to) {
    await mkdir(path.dirname(to), { recursive: true });
    try {
        await copyFile(from, to);
    }
    catch (error) {
        throw new SafeMapError('WRITE_FAILED', `cannot copy ${from} to ${to}: ${error.message}`, undefined, { cause: error });
    }
}
async function readHead(file, length) {
    const handle = await open(file, 'r');
    try {
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, 0);
        return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + length);
    }
    finally {
        await handle.close();
    }
}
async function sizeOf(file) {
    return (await stat(file)).size;
}
function sha256(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
}
async function sha256File(file) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file))
        hash.update(chunk);
    return hash.digest('hex');
}
function json(value) {
    return `${JSON.stringify(value, null, 1)}\n`;
}
//# sourceMappingURL=export_site.js.map