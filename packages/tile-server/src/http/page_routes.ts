import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { Catalog } from '../catalog/catalog_schema.js';
import { defaultPageDir, renderAgencyPage } from './agency_page.js';
import { firstViewBlock, type FirstView } from './first_view.js';
import { staticAssets } from './static_assets.js';

export interface PageRouteOptions {
  /** Folder of the built widget (safemap-widget.js, .mjs, worker, their .br/.gz and manifest.json). */
  widgetDir: string;
  /** Folder of the example pages (the Busan demo's `index.html` and the embedding examples), served at `/examples/`. */
  examplesDir: string;
  /** The public part of the catalogue being served, from which `/` is generated. */
  getCatalog: () => Catalog;
  /** Folder of the generated page's script and stylesheet, served at `/page/`. */
  pageDir?: string;
  /** `frame-ancestors` sources allowed to frame SafeMap pages. */
  frameAncestors: readonly string[];
  /** The first view of a tile set as this request's style will describe it; undefined when it cannot be said. */
  firstView?: (req: Request, tilesetId: string) => FirstView | undefined;
}

/** The CSP under which the widget runs with no violations when it comes from this origin. */
export function pageCsp(frameAncestors: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'"}`,
  ].join('; ');
}

/** Example folders also hold the demo's source data; only page assets are served, never CSV, GeoJSON or catalogues. */
const pageAsset = /^[\w-]+\.(?:html|css|js|mjs|png|jpe?g|svg|webp|ico|woff2?)$/i;
/** The widget's shipped files: bundles and worker, versioned or not. Never source maps, manifests or declarations. */
const widgetAsset = /^[a-z][a-z0-9-]*(?:\.[0-9a-f]{12})?\.(?:js|mjs|css)$/;

/**
 * Sets the headers of an HTML page: its CSP, a same-origin resource policy, and `X-Frame-Options` only while framing
 * is limited to this origin (a configured `frame-ancestors` list supersedes it, and the two must not disagree).
 */
export function pageHeaderSetter(frameAncestors: readonly string[]): (res: Response) => void {
  const csp = pageCsp(frameAncestors);
  const sameOriginOnly = frameAncestors.every((source) => source === "'self'" || source === "'none'");
  const frameOptions = frameAncestors.length === 0 || frameAncestors.includes("'none'") ? 'DENY' : 'SAMEORIGIN';
  return (res) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (sameOriginOnly) res.setHeader('X-Frame-Options', frameOptions);
    else res.removeHeader('X-Frame-Options');
  };
}

/**
 * Rewrites a page's references to the widget's unversioned files (`widget/safemap-widget.js`) to the versioned names
 * of the current build, read from the widget's manifest.json, so pages load bundles cached for a year and a new
 * build is a new URL. Without a manifest the page is left as it is.
 */
export function widgetVersioner(widgetDir: string): (html: string) => string {
  let cached: { key: string; manifest: Record<string, string> } | undefined;
  const manifest = (): Record<string, string> => {
    const file = path.join(widgetDir, 'manifest.json');
    try {
      const stat = statSync(file);
      const key = `${stat.size}:${stat.mtimeMs}`;
      if (cached?.key !== key) cached = { key, manifest: JSON.parse(readFileSync(file, 'utf8')) as Record<string, string> };
      return cached.manifest;
    } catch {
      return {};
    }
  };
  return (html) => {
    const names = manifest();
    return html.replace(/(["'(]\/?widget\/)([a-z][a-z0-9-]*\.m?js)(?=["')])/g, (all, prefix: string, file: string) =>
      Object.hasOwn(names, file) && widgetAsset.test(names[file]!) ? prefix + names[file] : all,
    );
  };
}

/** The agency's page generated from the catalogue, its assets, the widget bundle and the example pages. */
export function pageRoutes(options: PageRouteOptions): Router {
  const router = Router();
  const setPageHeaders = pageHeaderSetter(options.frameAncestors);
  const version = widgetVersioner(options.widgetDir);
  // A catalogue object lives until the next reload, so its page is rendered once per catalogue.
  const rendered = new WeakMap<Catalog, string>();

  router.get('/', (req, res) => {
    const catalog = options.getCatalog();
    let html = rendered.get(catalog);
    if (html === undefined) rendered.set(catalog, (html = renderAgencyPage(catalog)));
    // The tile URLs carry the published version and this request's public URL, so they are added per request.
    const first = catalog.tilesets[0];
    const view = first && options.firstView?.(req, first.id);
    if (view) html = html.replace('</head>', `  ${firstViewBlock(view)}\n</head>`);
    setPageHeaders(res);
    res.set({ 'Cache-Control': 'no-cache', 'Content-Type': 'text/html; charset=utf-8' }).send(version(html));
  });
  router.use('/page', staticAssets({ dir: options.pageDir ?? defaultPageDir(), allow: /^agency\.(?:css|js)$/, maxAge: 300, compressMissing: true }));
  router.use('/widget', staticAssets({ dir: options.widgetDir, allow: widgetAsset, maxAge: 300 }));
  router.use(
    '/examples',
    staticAssets({
      dir: options.examplesDir,
      allow: pageAsset,
      maxAge: 300,
      compressMissing: true,
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) setPageHeaders(res);
      },
    }),
  );
  return router;
}
