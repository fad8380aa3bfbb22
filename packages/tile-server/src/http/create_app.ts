import compression from 'compression';
import express, { type ErrorRequestHandler, type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SafeMapError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import { createAccessLog } from '../security/access_log.js';
import { isProxied, rateLimitKey } from '../security/client_address.js';
import { defaultSecurityOptions, type RestrictedAccess, type SecurityOptions } from '../security/security_options.js';
import { TokenBucketLimiter } from '../security/token_bucket_limiter.js';
import { WorkLimiter } from '../security/work_limiter.js';
import type { Catalog } from '../catalog/catalog_schema.js';
import { TileCache } from '../store/tile_cache.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { rawHeader } from '../raw_header.js';
import { appRequestClasses, type RequestClasses } from './app_request_classes.js';
import { CorsPolicy, sendPreflight } from './cors_policy.js';
import type { HealthState } from './health.js';
import { spriteRoutes } from '../sprites/sprite_routes.js';
import { basemapRoutes } from './basemap_routes.js';
import { embedRoutes } from './embed_routes.js';
import { firstView } from './first_view.js';
import { pageRoutes } from './page_routes.js';
import { problem, problemFromError, sendProblem } from './problem.js';
import { HostPolicy, publicBaseUrl } from './public_url.js';
import { restrictedRoutes } from './restricted_routes.js';
import { searchRoutes } from './search_routes.js';
import { securityHeaderList, securityHeaders } from './security_headers.js';
import { createTileEndpoint } from './tile_endpoint.js';
import { tilesetRoutes } from './tileset_routes.js';

export interface AppDeps {
  /** Returns the current registry; a republish swaps what it returns, never mutates it. */
  getRegistry: () => TilesetRegistry;
  logger: Logger;
  health: HealthState;
  widgetDir: string;
  examplesDir: string;
  /** The public part of the catalogue being served, for the page at `/`; the registry's tile sets when absent. */
  getCatalog?: () => Catalog;
  /** The catalogue file, which basemap archive paths are relative to; without it no basemap is served. */
  catalogPath?: string;
  /** Absolute base URL clients should use, when behind a proxy or CDN. */
  publicUrl?: string | undefined;
  /** Base URL used when the request's Host header is unusable. */
  fallbackUrl?: string;
  frameAncestors?: readonly string[];
  tileMaxAge?: number;
  metadataMaxAge?: number;
  /** Restricted layers and their keys, swapped with the registry on reload; absent when none are configured. */
  getRestricted?: () => RestrictedAccess | undefined;
  /** CORS, rate limits, generation bound, access log; defaults in security_options.ts. */
  security?: Partial<SecurityOptions>;
  /** Prometheus metrics of this process; none are collected when absent. */
  metrics?: Metrics | undefined;
  /** Makes this server serve a published version it does not know yet, if there is one (see tile_endpoint.ts). */
  catchUp?: ((tileset: string, version: string) => Promise<boolean>) | undefined;
  /** The tile cache of the registry's tile sets, which basemap tiles share; a small one of their own when absent. */
  tileCache?: TileCache;
}

export interface RequestListener {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Writes what the access log still holds; call once the server has stopped taking requests. */
  close(): void;
  /** What the server should make requests and responses with (see app_request_classes.ts). */
  readonly classes: RequestClasses;
}

/** Per-process state shared by the fast path and the app, so both draw on the same budgets. */
interface Runtime {
  readonly options: SecurityOptions;
  readonly cors: CorsPolicy;
  readonly handleTile: (req: IncomingMessage, res: ServerResponse) => boolean;
  readonly work: WorkLimiter;
}

function createRuntime(deps: AppDeps): Runtime {
  const options: SecurityOptions = { ...defaultSecurityOptions, ...deps.security };
  const cors = new CorsPolicy(options.corsOrigins);
  const work = new WorkLimiter({ maxRunning: options.generationConcurrency, maxQueued: options.generationQueue, retryAfterSeconds: options.retryAfterSeconds });
  const limiter = new TokenBucketLimiter({
    ratePerSecond: options.tileRatePerSecond,
    burst: options.tileBurst,
    exempt: options.rateLimitExempt,
    ipv6PrefixBits: options.ipv6PrefixBits,
  });
  const metrics = deps.metrics;
  const handleTile = createTileEndpoint(deps.getRegistry, {
    maxAge: deps.tileMaxAge ?? 300,
    cors,
    limiter,
    trustedHops: options.trustProxy,
    work,
    catchUp: deps.catchUp,
    ...(metrics ? { onBody: (bytes: number, fromCache: boolean) => metrics.noteTileBody(bytes, fromCache) } : {}),
  });
  return { options, cors, handleTile, work };
}

/** Builds the Express app. It never listens: binding, signals and exits belong to the caller. */
export function createApp(deps: AppDeps, runtime: Runtime = createRuntime(deps)): Express {
  const { options, cors } = runtime;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy);
  // Every link the catalogue, TileJSON and styles hand out goes through this policy (see public_url.ts).
  app.locals.hostPolicy = new HostPolicy(deps.publicUrl, options.allowedHosts);

  const dataHeaders = securityHeaders('data');
  const tileHeaders = securityHeaders('tile');
  const preflightHeaders = securityHeaderList('data');
  app.use((req, res, next) => {
    // Tiles answered here (restricted layers, the basemap) get the tile set of headers, as on the fast path.
    res.set(req.path.endsWith('.mvt') ? tileHeaders : dataHeaders);
    if (req.method === 'OPTIONS') {
      const origin = req.get('origin');
      sendPreflight(res, cors.allows(origin) ? (cors.any ? '*' : origin) : undefined, !cors.any, preflightHeaders);
      return;
    }
    res.set(cors.headers(req.get('origin')));
    next();
  });
  app.use((req, res, next) => {
    if (!runtime.handleTile(req, res)) next();
  });
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = deps.health.ready && !deps.health.draining;
    res.status(ready ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ready ? 'ready' : deps.health.draining ? 'draining' : 'starting', ...(deps.health.catalog ? { catalog: deps.health.catalog } : {}) });
  });
  if (options.requestsPerMinute > 0) {
    const exempt = new Set(options.rateLimitExempt);
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: options.requestsPerMinute,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        // Loopback tooling is exempt, but never through a proxy: behind a same-host proxy every request is loopback.
        skip: (req) => exempt.has(req.ip ?? '') && !isProxied(req),
        keyGenerator: (req) => rateLimitKey(req.ip ?? '', options.ipv6PrefixBits),
        // Its own checks would write to the console; TRUST_PROXY is documented and IPv6 grouping is done above.
        validate: { xForwardedForHeader: false, keyGeneratorIpFallback: false },
        handler: (_req, res) => {
          sendProblem(res, problem(429, 'RATE_LIMITED', 'too many requests from this client; slow down', { retryAfter: 60 }));
        },
      }),
    );
  }
  // Documents and look-ups (catalogue, style, TileJSON, point lists, search, pages) are JSON or HTML made per tile set
  // version: a phone gets them gzip or brotli, a fifth to a quarter of their size. Tiles and static assets carry their
  // Content-Encoding already and pass through untouched.
  app.use(compression());
  const fallbackUrl = deps.fallbackUrl ?? 'http://localhost:8080';
  app.use(
    tilesetRoutes(deps.getRegistry, {
      publicUrl: deps.publicUrl,
      fallbackUrl,
      metadataMaxAge: deps.metadataMaxAge ?? 60,
    }),
  );
  app.use(searchRoutes(deps.getRegistry, { metadataMaxAge: deps.metadataMaxAge ?? 60 }));
  app.use(
    restrictedRoutes({
      getRestricted: deps.getRestricted ?? (() => undefined),
      baseUrl: (req) => publicBaseUrl(req, deps.publicUrl, fallbackUrl),
      work: runtime.work,
      publicUrl: deps.publicUrl,
      fallbackUrl,
    }),
  );
  app.use(
    basemapRoutes(deps.getRegistry, {
      catalogPath: deps.catalogPath,
      maxAge: deps.metadataMaxAge ?? 60,
      publicUrl: deps.publicUrl,
      fallbackUrl,
      cache: deps.tileCache ?? new TileCache(32 * 1024 * 1024),
      work: runtime.work,
      cors,
    }),
  );
  app.use(spriteRoutes(deps.getRegistry, { maxAge: deps.metadataMaxAge ?? 60 }));
  app.use(embedRoutes({ getRegistry: deps.getRegistry, widgetDir: deps.widgetDir, frameAncestors: deps.frameAncestors ?? ["'self'"] }));
  app.use(
    pageRoutes({
      widgetDir: deps.widgetDir,
      examplesDir: deps.examplesDir,
      getCatalog: deps.getCatalog ?? registryCatalog(deps.getRegistry),
      frameAncestors: deps.frameAncestors ?? ["'self'"],
      firstView: (req, id) => {
        const tileset = deps.getRegistry().get(id);
        if (!tileset) return undefined;
        try {
          return firstView(tileset, publicBaseUrl(req, deps.publicUrl, fallbackUrl));
        } catch {
          // A Host this server does not answer for: the page is still served, and its map gets the 421 itself.
          return undefined;
        }
      },
    }),
  );
  app.use((_req, _res, next) => next(new SafeMapError('NOT_FOUND', 'no such resource')));
  app.use(errorHandler(deps.logger));
  return app;
}

/**
 * The node request listener: tiles take the fast path before Express, everything else goes through the app.
 * Both share the same endpoint code and budgets, so behaviour is identical either way.
 */
export function createRequestListener(deps: AppDeps): RequestListener {
  const runtime = createRuntime(deps);
  const app = createApp(deps, runtime);
  const accessLog = runtime.options.accessLog ? createAccessLog(deps.logger, runtime.options.trustProxy, runtime.options.accessLogSummaryMs) : undefined;
  let warnedUntrustedProxy = runtime.options.trustProxy > 0;
  const metrics = deps.metrics;
  metrics?.watchRegistry(deps.getRegistry);
  // Both record a request once its answer is complete; a cached tile is complete when handleTile returns, so the
  // bulk of the traffic needs no listener of its own.
  const recording = accessLog !== undefined || metrics !== undefined;
  const recordLater = (req: IncomingMessage, res: ServerResponse, started: number, tile: boolean) =>
    res.once('finish', () => {
      accessLog?.record(req, res, started, tile);
      metrics?.record(req, res, started, tile ? 'miss' : undefined);
    });
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // A cached tile is answered before handleTile returns, and only the metrics time it: the clock is read for them,
    // and for any other request once it is known to be one (what ran before took microseconds).
    let started = metrics !== undefined ? performance.now() : undefined;
    if (!warnedUntrustedProxy && rawHeader(req, 'x-forwarded-for') !== undefined) {
      warnedUntrustedProxy = true;
      deps.logger.warn(
        'a request arrived with X-Forwarded-For but TRUST_PROXY is 0: every client behind that proxy shares its address and rate limit budget; set TRUST_PROXY to the number of proxies in front',
      );
    }
    // While draining, every answer closes its connection, so keep-alive clients move on before the listener closes.
    if (deps.health.draining) res.setHeader('Connection', 'close');
    try {
      if (runtime.handleTile(req, res)) {
        if (!recording) return;
        if (!res.writableEnded) recordLater(req, res, started ?? performance.now(), true);
        else {
          accessLog?.record(req, res, started, true);
          // Defined whenever there are metrics.
          metrics?.record(req, res, started!, 'hit');
        }
        return;
      }
    } catch (error) {
      deps.logger.error({ err: error }, 'tile request failed');
      if (recording) recordLater(req, res, started ?? performance.now(), true);
      sendProblem(res, problemFromError(error));
      return;
    }
    if (recording) recordLater(req, res, started ?? performance.now(), false);
    app(req, res);
  };
  return Object.assign(listener, { close: () => accessLog?.close(), classes: appRequestClasses(app) });
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const value = problemFromError(error);
    if (value.status >= 500) logger.error({ err: error, method: req.method, route: req.route?.path }, 'request failed');
    sendProblem(res, value, value.status === 405 ? { Allow: 'GET, HEAD' } : {});
  };
}

/** A catalogue of the registry's tile sets, one object per registry, for apps started without their catalogue. */
function registryCatalog(getRegistry: () => TilesetRegistry): () => Catalog {
  const made = new WeakMap<TilesetRegistry, Catalog>();
  return () => {
    const registry = getRegistry();
    let catalog = made.get(registry);
    if (!catalog) made.set(registry, (catalog = { tilesets: registry.list().map((tileset) => tileset.config), apiKeys: [] }));
    return catalog;
  };
}
