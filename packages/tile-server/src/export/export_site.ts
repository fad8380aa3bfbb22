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
import { defaultEmbedDir } from '../http/embed_routes.js';
import { silentLogger, type Logger } from '../log.js';
import { defaultPageDir } from '../http/agency_page.js';
import { defaultWidgetDir } from '../server/default_paths.js';
import { SpriteStore } from '../sprites/sprite_store.js';
import type { Tileset } from '../store/tileset.js';
import { exportEmbedPage, exportPage, versionedName } from './export_page.js';
import { closeExportedTilesets, exportTilesets } from './export_tilesets.js';
import { precompressFiles } from './precompress.js';
import { headersFile, nginxSnippet, type FileKind, type SiteFile } from './site_headers.js';
import { exportedBasemapTileJson, exportedCatalog, exportedStyle, exportedTileJson, siteLinker, type SiteLinker, type TilesetPaths } from './site_documents.js';
import { DEFAULT_LOOKUP_FEATURES, staticLookups } from './static_lookups.js';

export interface ExportOptions {
  readonly catalogPath: string;
  readonly outDir: string;
  /** Replace an existing, non-empty output folder. */
  readonly force?: boolean;
  /** Absolute URL the folder will be served at; without it every link is relative and the folder works anywhere. */
  readonly publicUrl?: string;
  /** `frame-ancestors` of the page's CSP (default `'self'`, as the server). */
  readonly frameAncestors?: readonly string[];
  /** Most features a layer may have to get a static look-up file (search, nearest, lists). */
  readonly maxLookupFeatures?: number;
  readonly widgetDir?: string;
  readonly pageDir?: string;
  /** Folder of the embed page (embed.html, embed.js, embed.css); default: the one the server serves at `/embed`. */
  readonly embedDir?: string;
  readonly logger?: Logger;
}

export interface ExportResult {
  readonly outDir: string;
  /** Every file a client may request, with how it is served and its size in bytes. */
  readonly files: ReadonlyArray<SiteFile & { bytes: number }>;
  /** The `.gz` and `.br` siblings of the text files, for servers that send them precompressed. */
  readonly precompressed: readonly string[];
  readonly tilesets: ReadonlyArray<{ id: string; version: string; built: boolean; lookups: string[]; lookupsSkipped: Array<{ layer: string; count: number }> }>;
}

/** The file names MapLibre derives from a style's sprite base. */
const SPRITE_VARIANTS = [
  ['.json', 1, 'json'],
  ['.png', 1, 'png'],
  ['@2x.json', 2, 'json'],
  ['@2x.png', 2, 'png'],
] as const;

/**
 * `safemap export`: the public map as a self-contained folder for any static host. `index.html` is the map; the
 * widget reads tiles straight from the PMTiles archives with HTTP range requests, so no SafeMap process is needed.
 * Restricted layers are never exported: everything comes from the public part of the catalogue. The folder is
 * written beside the output and renamed into place, so a failed export never leaves half a site.
 */
export async function exportSite(options: ExportOptions): Promise<ExportResult> {
  const logger = options.logger ?? silentLogger();
  const frameAncestors = options.frameAncestors ?? ["'self'"];
  const outDir = path.resolve(options.outDir);
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !options.force) {
    throw new SafeMapError('OUTPUT_EXISTS', `${outDir} exists and is not empty: use -f to replace it`);
  }
  const catalog = publicCatalog(await loadCatalog(options.catalogPath));
  if (catalog.catalog.tilesets.length === 0) throw new SafeMapError('CATALOG_INVALID', `${catalog.file}: no public layer to export`);
  await mkdir(path.dirname(outDir), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(outDir), `.${path.basename(outDir)}.export-`));
  // mkdtemp makes the folder private; a web server's own user must read the site.
  await chmod(staging, 0o755);
  const buildDir = await mkdtemp(path.join(tmpdir(), 'safemap-export-build-'));
  const written: Array<SiteFile & { bytes: number }> = [];
  const put = async (file: string, kind: FileKind | undefined, bytes: Buffer | string) => {
    await mkdir(path.dirname(path.join(staging, file)), { recursive: true });
    await writeFile(path.join(staging, file), bytes);
    if (kind) written.push({ path: file, kind, bytes: Buffer.byteLength(bytes) });
  };
  const link = siteLinker(options.publicUrl);
  let tilesets: Awaited<ReturnType<typeof exportTilesets>> = [];
  try {
    tilesets = await exportTilesets(catalog, buildDir, logger);
    const sprites = new SpriteStore();
    const entries: Array<{ tileset: Tileset; paths: TilesetPaths }> = [];
    const summary: Array<ExportResult['tilesets'][number]> = [];
    const basemaps = new Map<string, TilesetPaths['basemap']>();
    for (const { tileset, archive, built } of tilesets) {
      const archivePath = `tiles/${tileset.id}.${tileset.source.version}.pmtiles`;
      await copyInto(archive, path.join(staging, archivePath));
      written.push({ path: archivePath, kind: 'immutable', bytes: await sizeOf(path.join(staging, archivePath)) });

      const sheets = await Promise.all([sprites.get(tileset, 1), sprites.get(tileset, 2)]);
      const spriteBytes = SPRITE_VARIANTS.map(([, ratio, part]) => sheets[ratio - 1]![part]);
      const spriteBase = `sprites/${tileset.id}.${sha256(Buffer.concat(spriteBytes)).slice(0, 12)}`;
      for (const [index, [suffix]] of SPRITE_VARIANTS.entries()) await put(`${spriteBase}${suffix}`, 'immutable', spriteBytes[index]!);

      const lookups = staticLookups(tileset, options.maxLookupFeatures ?? DEFAULT_LOOKUP_FEATURES);
      const lookupPaths: Record<string, string> = {};
      for (const file of lookups.files) {
        lookupPaths[file.layer] = `lookups/${versionedName(`${tileset.id}-${file.layer}.json`, Buffer.from(file.body))}`;
        await put(lookupPaths[file.layer]!, 'immutable', file.body);
      }

      const basemapConfig = tileset.config.basemap;
      let basemap: TilesetPaths['basemap'];
      if (basemapConfig) {
        const source = path.resolve(catalog.baseDir, basemapConfig.archive);
        basemap = basemaps.get(source) ?? (await exportBasemap(source, basemapConfig, catalog.baseDir, staging, put, link));
        basemaps.set(source, basemap);
        if (!written.some((file) => file.path === basemap!.archive)) written.push({ path: basemap.archive, kind: 'immutable', bytes: await sizeOf(path.join(staging, basemap.archive)) });
      }
      const paths: TilesetPaths = {
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

    const widgetDir = options.widgetDir ?? defaultWidgetDir();
    const page = exportPage({ site: catalog.catalog, pageDir: options.pageDir ?? defaultPageDir(), widgetDir, catalog: 'catalog.json', frameAncestors });
    const embed = exportEmbedPage({ embedDir: options.embedDir ?? defaultEmbedDir(), widgetDir, catalog: 'catalog.json', frameAncestors });
    const assets = new Map([...page.assets, ...embed.assets].map((asset) => [asset.path, asset]));
    for (const asset of assets.values()) await put(asset.path, /\.(?:gz|br)$/.test(asset.path) ? undefined : 'immutable', asset.bytes);
    await put('index.html', 'page', page.html);
    await put('embed.html', 'page', embed.html);

    const files = [...written].sort((a, b) => a.path.localeCompare(b.path));
    const precompressed = await precompressFiles(staging, files.map((file) => file.path));
    await put('_headers', undefined, headersFile(files, frameAncestors));
    await put('safemap-nginx.conf', undefined, nginxSnippet(files, frameAncestors));

    if (existsSync(outDir)) await rm(outDir, { recursive: true, force: true });
    await rename(staging, outDir);
    return { outDir, files, precompressed, tilesets: summary };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    await closeExportedTilesets(tilesets);
    await rm(buildDir, { recursive: true, force: true });
  }
}

/** Copies the basemap archive under a content-hashed name, with its TileJSON and place gazetteer. */
async function exportBasemap(
  source: string,
  config: NonNullable<Tileset['config']['basemap']>,
  baseDir: string,
  staging: string,
  put: (file: string, kind: FileKind | undefined, bytes: Buffer | string) => Promise<void>,
  link: SiteLinker,
): Promise<NonNullable<TilesetPaths['basemap']>> {
  const name = basemapName(config);
  const archive = `basemap/${name}.${(await sha256File(source)).slice(0, 16)}.pmtiles`;
  await copyInto(source, path.join(staging, archive));
  const header = bytesToHeader(await readHead(source, 127));
  const placesSource = config.places ? path.resolve(baseDir, config.places) : path.join(path.dirname(source), `${name}.places.json`);
  const places = existsSync(placesSource) ? `basemap/${name}.places.json` : undefined;
  if (places) await put(places, 'document', await readFile(placesSource));
  const basemap = { archive, tilejson: `basemap/${name}.json`, places, header: { minzoom: header.minZoom, maxzoom: header.maxZoom, bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat] as const } };
  await put(basemap.tilejson, 'document', json(exportedBasemapTileJson(name, config.attribution, basemap, link)));
  return basemap;
}

async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await copyFile(from, to);
  } catch (error) {
    throw new SafeMapError('WRITE_FAILED', `cannot copy ${from} to ${to}: ${(error as Error).message}`, undefined, { cause: error });
  }
}

async function readHead(file: string, length: number): Promise<ArrayBuffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, 0);
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + length) as ArrayBuffer;
  } finally {
    await handle.close();
  }
}

async function sizeOf(file: string): Promise<number> {
  return (await stat(file)).size;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 1)}\n`;
}
