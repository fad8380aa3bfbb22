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

/** The demo agency page, its assets and the widget bundle. */
export function pageRoutes(options: PageRouteOptions): Router {
  const router = Router();
  const csp = pageCsp(options.frameAncestors);
  const staticOptions = {
    index: false,
    dotfiles: 'ignore' as const,
    redirect: false,
    fallthrough: true,
    setHeaders: (res: express.Response, file: string) => {
      if (file.endsWith('.html')) res.setHeader('Content-Security-Policy', csp);
      if (file.endsWith('.mjs')) res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    },
  };

  router.get('/', (_req, res, next) => {
    res.set('Content-Security-Policy', csp).set('Cache-Control', 'no-cache');
    res.sendFile(path.join(options.examplesDir, 'index.html'), (error) => {
      if (error) next(new SafeMapError('NOT_FOUND', 'no example page is installed'));
    });
  });
  router.use('/widget', express.static(options.widgetDir, { ...staticOptions, maxAge: '5m' }));
  router.use('/examples', express.static(options.examplesDir, { ...staticOptions, maxAge: '5m' }));
  return router;
}
