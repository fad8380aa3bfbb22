import express, { type ErrorRequestHandler, type Express } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SafeMapError } from '../errors.js';
import type { Logger } from '../log.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import type { HealthState } from './health.js';
import { pageRoutes } from './page_routes.js';
import { problemFromError, sendProblem } from './problem.js';
import { createTileEndpoint } from './tile_endpoint.js';
import { tilesetRoutes } from './tileset_routes.js';

export interface AppDeps {
  /** Returns the current registry; a republish swaps what it returns, never mutates it. */
  getRegistry: () => TilesetRegistry;
  logger: Logger;
  health: HealthState;
  widgetDir: string;
  examplesDir: string;
  /** Absolute base URL clients should use, when behind a proxy or CDN. */
  publicUrl?: string | undefined;
  /** Base URL used when the request's Host header is unusable. */
  fallbackUrl?: string;
  frameAncestors?: readonly string[];
  tileMaxAge?: number;
  metadataMaxAge?: number;
}

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Builds the Express app. It never listens: binding, signals and exits belong to the caller. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');

  const handleTile = createTileEndpoint(deps.getRegistry, { maxAge: deps.tileMaxAge ?? 300 });
  app.use((req, res, next) => {
    if (!handleTile(req, res)) next();
  });
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = deps.health.ready && !deps.health.draining;
    res.status(ready ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ready ? 'ready' : deps.health.draining ? 'draining' : 'starting' });
  });
  app.use(
    tilesetRoutes(deps.getRegistry, {
      publicUrl: deps.publicUrl,
      fallbackUrl: deps.fallbackUrl ?? 'http://localhost:8080',
      metadataMaxAge: deps.metadataMaxAge ?? 60,
    }),
  );
  app.use(pageRoutes({ widgetDir: deps.widgetDir, examplesDir: deps.examplesDir, frameAncestors: deps.frameAncestors ?? ["'self'"] }));
  app.use((_req, _res, next) => next(new SafeMapError('NOT_FOUND', 'no such resource')));
  app.use(errorHandler(deps.logger));
  return app;
}

/**
 * The node request listener: tiles take the fast path before Express, everything else goes through the app.
 * Both share the same endpoint code, so behaviour is identical either way.
 */
export function createRequestListener(deps: AppDeps): RequestListener {
  const app = createApp(deps);
  const handleTile = createTileEndpoint(deps.getRegistry, { maxAge: deps.tileMaxAge ?? 300 });
  return (req, res) => {
    try {
      if (handleTile(req, res)) return;
    } catch (error) {
      deps.logger.error({ err: error }, 'tile request failed');
      sendProblem(res, problemFromError(error));
      return;
    }
    app(req, res);
  };
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const value = problemFromError(error);
    if (value.status >= 500) logger.error({ err: error, method: req.method, route: req.route?.path }, 'request failed');
    sendProblem(res, value, value.status === 405 ? { Allow: 'GET, HEAD' } : {});
  };
}
