import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../catalog/catalog_schema.js';
import { SafeMapError } from '../errors.js';
import { renderAgencyPage } from '../http/agency_page.js';
import { widgetVersioner } from '../http/page_routes.js';
import { metaCsp } from './site_headers.js';

/** A file to write into the exported folder. */
export interface PageFile {
  readonly path: string;
  readonly bytes: Buffer;
}

/** The page, as `/` serves it, and every file it loads. */
export interface ExportedPage {
  readonly html: string;
  /** Widget bundle, MapLibre's worker and the page's own assets, all under content-hashed names. */
  readonly assets: PageFile[];
}

/** The page's own script and stylesheet, as `pageRoutes` serves them (`/page/…`). */
const PAGE_ASSET_REF = /(["'(])\/page\/([\w-]+\.(?:css|js))(?=["')])/g;
/** What the server's `widgetVersioner` leaves: a versioned widget file (absolute in `/`, relative in `/embed`). */
const WIDGET_REF = /(["'(])\/?widget\/([a-z][a-z0-9-]*\.[0-9a-f]{12}\.m?js)(?=["')])/g;
/** The embed page's own script and stylesheet, as `embedRoutes` serves them under `/embed/`. */
const EMBED_ASSET_REF = /(["'(])\/?embed\/(embed\.(?:js|css))(?=["')])/g;

/**
 * The page `/` of the server for a static folder: the same page generated from the catalogue, with the widget
 * references versioned by the server's own `widgetVersioner`, then every absolute link made relative (so the folder
 * works under any path), page assets renamed by content hash, the widget pointed at the folder's `catalog.json`, and
 * the page CSP also in a `<meta>` element for hosts that cannot set headers.
 */
export function exportPage(options: { site: Catalog; pageDir: string; widgetDir: string; catalog: string; frameAncestors: readonly string[] }): ExportedPage {
  return exportDocument({
    source: 'the page generated from the catalogue',
    // No server answers the links to the other tile sets' /embed pages.
    read: () => renderAgencyPage(options.site, { otherMapLinks: false, preload: false }),
    assetRef: PAGE_ASSET_REF,
    assetDir: options.pageDir,
    widgetDir: options.widgetDir,
    frameAncestors: options.frameAncestors,
    pointAtCatalog: (html, source) => {
      if (/["'(]\/(?:widget|page)\//.test(html)) {
        throw new SafeMapError('SOURCE_INVALID', `${source}: it loads a widget or page file this export cannot version (is the widget built? npm run build)`);
      }
      return html.replace(/<safety-map(?=[\s>])/, `<safety-map catalog="${options.catalog}"`);
    },
  });
}

/**
 * The server's `/embed` page for a static folder, as `embed.html` beside `index.html`: an `<iframe>` points at
 * `embed.html?tileset=…&lang=…&layers=…&center=…&zoom=…`. Its script and stylesheet are renamed by content hash, the
 * links are relative, the page's script is told the folder's `catalog.json` (`data-catalog`, an attribute of the fixed
 * HTML, never taken from the URL), and the page CSP is repeated in a `<meta>` element, as for `index.html`. With no
 * server to answer 400, a bad parameter is dropped by the page's own pattern checks, as on the server.
 */
export function exportEmbedPage(options: { embedDir: string; widgetDir: string; catalog: string; frameAncestors: readonly string[] }): ExportedPage {
  const source = path.join(options.embedDir, 'embed.html');
  return exportDocument({
    source,
    read: () => readFileSync(source, 'utf8'),
    assetRef: EMBED_ASSET_REF,
    assetDir: options.embedDir,
    widgetDir: options.widgetDir,
    frameAncestors: options.frameAncestors,
    pointAtCatalog: (html) => {
      // Left over: an embed file not rewritten, or a widget file without its hash (no manifest entry).
      if (/["'(]\/?embed\//.test(html) || /["'(]\/?widget\/[a-z][a-z0-9-]*\.m?js["')]/.test(html)) {
        throw new SafeMapError('SOURCE_INVALID', `${source}: it loads a widget or embed file this export cannot version (is the widget built? npm run build)`);
      }
      if (!/<main id="embed-map"/.test(html)) throw new SafeMapError('SOURCE_INVALID', `${source}: no <main id="embed-map"> element`);
      return html.replace(/<main id="embed-map"/, `<main id="embed-map" data-catalog="${options.catalog}"`);
    },
  });
}

function exportDocument(options: {
  /** What the page is, for messages: its file, or how it is made. */
  source: string;
  read: () => string;
  assetRef: RegExp;
  assetDir: string;
  widgetDir: string;
  frameAncestors: readonly string[];
  pointAtCatalog: (html: string, source: string) => string;
}): ExportedPage {
  const { source } = options;
  let html: string;
  try {
    html = widgetVersioner(options.widgetDir)(options.read());
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `${source}: cannot read the page (${(error as Error).message})`, undefined, { cause: error });
  }
  const assets = new Map<string, PageFile>();
  html = html.replace(WIDGET_REF, (_all, quote: string, file: string) => {
    for (const name of [file, ...workerFiles(options.widgetDir, file)]) assets.set(`widget/${name}`, { path: `widget/${name}`, bytes: readWidgetFile(options.widgetDir, name) });
    return `${quote}widget/${file}`;
  });
  html = html.replace(options.assetRef, (_all, quote: string, file: string) => {
    const bytes = readFileSync(path.join(options.assetDir, file));
    const target = `assets/${versionedName(file, bytes)}`;
    assets.set(target, { path: target, bytes });
    return `${quote}${target}`;
  });
  html = options.pointAtCatalog(html, source);
  html = html.replace(/<meta charset="utf-8">/i, (tag) => `${tag}\n  <meta http-equiv="Content-Security-Policy" content="${metaCsp(options.frameAncestors)}">`);
  return { html, assets: [...assets.values()] };
}

/** `name.<12 hex of sha256>.ext`, as the widget build names its files. */
export function versionedName(file: string, bytes: Buffer): string {
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const dot = file.indexOf('.');
  return `${file.slice(0, dot)}.${hash}${file.slice(dot)}`;
}

/** The worker the bundle loads (its versioned name from the manifest), and the `.gz`/`.br` siblings the widget build made. */
function workerFiles(widgetDir: string, bundle: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(widgetDir, 'manifest.json'), 'utf8')) as Record<string, string>;
  const worker = manifest['maplibre-gl-worker.mjs'];
  if (!worker) throw new SafeMapError('SOURCE_INVALID', `${widgetDir}/manifest.json: no maplibre-gl-worker.mjs`);
  return [worker, ...[bundle, worker].flatMap((name) => [`${name}.gz`, `${name}.br`].filter((sibling) => existsSync(path.join(widgetDir, sibling))))];
}

function readWidgetFile(widgetDir: string, name: string): Buffer {
  try {
    return readFileSync(path.join(widgetDir, name));
  } catch (error) {
    throw new SafeMapError('SOURCE_UNREADABLE', `${path.join(widgetDir, name)}: cannot read the widget (npm run build)`, undefined, { cause: error });
  }
}
