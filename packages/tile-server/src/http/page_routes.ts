import path from 'node:path';
import express, { Router } from 'express';
import { SafeMapError } from '../errors.js';

export interface PageRouteOptions {
  /** Folder of the built widget (safemap-widget.js, .mjs, worker). */
  widgetDir: string;
  /** Folder of the example agency pages; `index.html` is served at `/`. */
  examplesDir: string;
  /** `frame-ancestors` sources allowed to frame SafeMap pages. */
  frameAncestors: readonly string[];
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

const pageAsset = /\.(?:html|css|js|mjs|png|jpe?g|svg|webp|ico|woff2?)$/i;

/**
 * Sets the headers of an HTML page: its CSP, a same-origin resource policy, and `X-Frame-Options` only while framing
 * is limited to this origin (a configured `frame-ancestors` list supersedes it, and the two must not disagree).
 */
export function pageHeaderSetter(frameAncestors: readonly string[]): (res: express.Response) => void {
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

/** The demo agency page, its assets and the widget bundle. */
export function pageRoutes(options: PageRouteOptions): Router {
  const router = Router();
  const setPageHeaders = pageHeaderSetter(options.frameAncestors);
  const staticOptions = {
    index: false,
    dotfiles: 'ignore' as const,
    redirect: false,
    fallthrough: true,
    setHeaders: (res: express.Response, file: string) => {
      if (file.endsWith('.html')) setPageHeaders(res);
      if (file.endsWith('.mjs')) res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    },
  };
  // Example folders also hold the demo's source data; only page assets are served, never CSV, GeoJSON or catalogues.
  const pageAssetsOnly: express.RequestHandler = (req, _res, next) => {
    if (pageAsset.test(req.path)) next();
    else next(new SafeMapError('NOT_FOUND', 'no such resource'));
  };

  router.get('/', (_req, res, next) => {
    setPageHeaders(res);
    res.set('Cache-Control', 'no-cache');
    res.sendFile(path.join(options.examplesDir, 'index.html'), (error) => {
      if (error) next(new SafeMapError('NOT_FOUND', 'no example page is installed'));
    });
  });
  router.use('/widget', express.static(options.widgetDir, { ...staticOptions, maxAge: '5m' }));
  router.use('/examples', pageAssetsOnly, express.static(options.examplesDir, { ...staticOptions, maxAge: '5m' }));
  return router;
}
