import { type Express } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import { type RestrictedAccess, type SecurityOptions } from '../security/security_options.js';
import { WorkLimiter } from '../security/work_limiter.js';
import type { Catalog } from '../catalog/catalog_schema.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { CorsPolicy } from './cors_policy.js';
import type { HealthState } from './health.js';
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
}
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
/** Per-process state shared by the fast path and the app, so both draw on the same budgets. */
interface Runtime {
    readonly options: SecurityOptions;
    readonly cors: CorsPolicy;
    readonly handleTile: (req: IncomingMessage, res: ServerResponse) => boolean;
    readonly work: WorkLimiter;
}
/** Builds the Express app. It never listens: binding, signals and exits belong to the caller. */
export declare function createApp(deps: AppDeps, runtime?: Runtime): Express;
/**
 * The node request listener: tiles take the fast path before Express, everything else goes through the app.
 * Both share the same endpoint code and budgets, so behaviour is identical either way.
 */
export declare function createRequestListener(deps: AppDeps): RequestListener;
export {};
