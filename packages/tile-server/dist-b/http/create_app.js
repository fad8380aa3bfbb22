import express from 'express';
import { rateLimit } from 'express-rate-limit';
import { SafeMapError } from '../errors.js';
import { createAccessLog } from '../security/access_log.js';
import { isProxied, rateLimitKey } from '../security/client_address.js';
import { defaultSecurityOptions } from '../security/security_options.js';
import { TokenBucketLimiter } from '../security/token_bucket_limiter.js';
import { WorkLimiter } from '../security/work_limiter.js';
import { CorsPolicy, sendPreflight } from './cors_policy.js';
import { spriteRoutes } from '../sprites/sprite_routes.js';
import { basemapRoutes } from './basemap_routes.js';
import { embedRoutes } from './embed_routes.js';
import { pageRoutes } from './page_routes.js';
import { problem, problemFromError, sendProblem } from './problem.js';
import { HostPolicy, publicBaseUrl } from './public_url.js';
import { restrictedRoutes } from './restricted_routes.js';
import { searchRoutes } from './search_routes.js';
import { securityHeaderList, securityHeaders } from './security_headers.js';
import { createTileEndpoint } from './tile_endpoint.js';
import { tilesetRoutes } from './tileset_routes.js';
function createRuntime(deps) {
    const options = { ...defaultSecurityOptions, ...deps.security };
    const cors = new CorsPolicy(options.corsOrigins);
    const work = new WorkLimiter({ maxRunning: options.generationConcurrency, maxQueued: options.generationQueue, retryAfterSeconds: options.retryAfterSeconds });
    const limiter = new TokenBucketLimiter({
        ratePerSecond: options.tileRatePerSecond,
        burst: options.tileBurst,
        exempt: options.rateLimitExempt,
        ipv6PrefixBits: options.ipv6PrefixBits,
    });
    const handleTile = createTileEndpoint(deps.getRegistry, { maxAge: deps.tileMaxAge ?? 300, cors, limiter, trustedHops: options.trustProxy, work });
    return { options, cors, handleTile, work };
}
/** Builds the Express app. It never listens: binding, signals and exits belong to the caller. */
export function createApp(deps, runtime = createRuntime(deps)) {
    const { options, cors } = runtime;
    const app = express();
    app.disable('x-powered-by');
    app.set('etag', 'strong');
    app.set('query parser', 'simple');
    app.set('trust proxy', options.trustProxy);
    // Every link the catalogue, TileJSON and styles hand out goes through this policy (see public_url.ts).
    app.locals.hostPolicy = new HostPolicy(deps.publicUrl, options.allowedHosts);
    const dataHeaders = securityHeaders('data');
    const preflightHeaders = securityHeaderList('data');
    app.use((req, res, next) => {
        res.set(dataHeaders);
        if (req.method === 'OPTIONS') {
            const origin = req.get('origin');
            sendPreflight(res, cors.allows(origin) ? (cors.any ? '*' : origin) : undefined, !cors.any, preflightHeaders);
            return;
        }
        res.set(cors.headers(req.get('origin')));
        next();
    });
    app.use((req, res, next) => {
        if (!runtime.handleTile(req, res))
            next();
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
        app.use(rateLimit({
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
        }));
    }
    const fallbackUrl = deps.fallbackUrl ?? 'http://localhost:8080';
    app.use(tilesetRoutes(deps.getRegistry, {
        publicUrl: deps.publicUrl,
        fallbackUrl,
        metadataMaxAge: deps.metadataMaxAge ?? 60,
    }));
    app.use(searchRoutes(deps.getRegistry, { metadataMaxAge: deps.metadataMaxAge ?? 60 }));
    app.use(restrictedRoutes({
        getRestricted: deps.getRestricted ?? (() => undefined),
        baseUrl: (req) => publicBaseUrl(req, deps.publicUrl, fallbackUrl),
        work: runtime.work,
        publicUrl: deps.publicUrl,
        fallbackUrl,
    }));
    app.use(basemapRoutes(deps.getRegistry, { catalogPath: deps.catalogPath, maxAge: deps.metadataMaxAge ?? 60, publicUrl: deps.publicUrl, fallbackUrl }));
    app.use(spriteRoutes(deps.getRegistry, { maxAge: deps.metadataMaxAge ?? 60 }));
    app.use(embedRoutes({ getRegistry: deps.getRegistry, widgetDir: deps.widgetDir, frameAncestors: deps.frameAncestors ?? ["'self'"] }));
    app.use(pageRoutes({ widgetDir: deps.widgetDir, examplesDir: deps.examplesDir, getCatalog: deps.getCatalog ?? registryCatalog(deps.getRegistry), frameAncestors: deps.frameAncestors ?? ["'self'"] }));
    app.use((_req, _res, next) => next(new SafeMapError('NOT_FOUND', 'no such resource')));
    app.use(errorHandler(deps.logger));
    return app;
}
/**
 * The node request listener: tiles take the fast path before Express, everything else goes through the app.
 * Both share the same endpoint code and budgets, so behaviour is identical either way.
 */
export function createRequestListener(deps) {
    const runtime = createRuntime(deps);
    const app = createApp(deps, runtime);
    const accessLog = runtime.options.accessLog ? createAccessLog(deps.logger, runtime.options.trustProxy) : undefined;
    let warnedUntrustedProxy = runtime.options.trustProxy > 0;
    const metrics = deps.metrics;
    metrics?.watchRegistry(deps.getRegistry);
    return (req, res) => {
        accessLog?.(req, res);
        const observed = metrics?.observe(req, res);
        if (!warnedUntrustedProxy && req.headers['x-forwarded-for'] !== undefined) {
            warnedUntrustedProxy = true;
            deps.logger.warn('a request arrived with X-Forwarded-For but TRUST_PROXY is 0: every client behind that proxy shares its address and rate limit budget; set TRUST_PROXY to the number of proxies in front');
        }
        // While draining, every answer closes its connection, so keep-alive clients move on before the listener closes.
        if (deps.health.draining)
            res.setHeader('Connection', 'close');
        try {
            if (runtime.handleTile(req, res)) {
                observed?.handled();
                return;
            }
        }
        catch (error) {
            deps.logger.error({ err: error }, 'tile request failed');
            sendProblem(res, problemFromError(error));
            return;
        }
        app(req, res);
    };
}
function errorHandler(logger) {
    return (error, req, res, _next) => {
        const value = problemFromError(error);
        if (value.status >= 500)
            logger.error({ err: error, method: req.method, route: req.route?.path }, 'request failed');
        sendProblem(res, value, value.status === 405 ? { Allow: 'GET, HEAD' } : {});
    };
}
/** A catalogue of the registry's tile sets, one object per registry, for apps started without their catalogue. */
function registryCatalog(getRegistry) {
    const made = new WeakMap();
    return () => {
        const registry = getRegistry();
        let catalog = made.get(registry);
        if (!catalog)
            made.set(registry, (catalog = { tilesets: registry.list().map((tileset) => tileset.config), apiKeys: [] }));
        return catalog;
    };
}
//# sourceMappingURL=create_app.js.map