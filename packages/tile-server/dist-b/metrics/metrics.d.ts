import type { IncomingMessage, ServerResponse } from 'node:http';
import { Registry } from 'prom-client';
import type { TilesetRegistry } from '../store/tileset_registry.js';
/**
 * Route classes: the only label a request gets besides its status. Never a path, address, coordinate, key or query,
 * so the number of series stays fixed and nothing about a resident or a client reaches the metrics.
 */
export type RouteClass = 'tile' | 'restricted' | 'tilejson' | 'style' | 'catalog' | 'features' | 'sprite' | 'widget' | 'page' | 'health' | 'other';
/** What a build, publish or refusal was about, for the event counters; tile set ids come from the catalogue. */
export type EngineEvent = 'build' | 'publish' | 'rollback' | 'reload' | 'refusal';
/** Classifies a request path without keeping any of it. */
export declare function routeClass(url: string): RouteClass;
/**
 * The server's Prometheus metrics. One instance per process, passed to the HTTP layer (and to the engine, for its
 * events); the registry is its own, never prom-client's global one, so libraries and tests never share series.
 *
 * Engine API: `event('publish', 'busan')`, `event('build', 'busan', 'failed')`, `event('refusal', 'busan')` — one
 * counter, `safemap_engine_events_total{event, tileset, outcome}`.
 */
export declare class Metrics {
    readonly registry: Registry<"text/plain; version=0.0.4; charset=utf-8">;
    private readonly requests;
    private readonly latency;
    private readonly cache;
    private readonly cacheBytes;
    private readonly tiles;
    private readonly events;
    private getRegistry;
    /** Label children by label values: prom-client hashes a label object on every call, these skip that. */
    private readonly children;
    constructor(options?: {
        processMetrics?: boolean;
    });
    /** Tells the metrics which tile sets are served (the HTTP layer calls this once); adds the version gauge. */
    watchRegistry(getRegistry: () => TilesetRegistry): void;
    /** Counts an engine event; `tileset` must be a catalogue id, never user input. */
    event(event: EngineEvent, tileset: string, outcome?: 'ok' | 'failed'): void;
    /**
     * Watches one request. Call before it is handled, and `handled()` right after the handler returned: that
     * and tells a tile cache hit (answered in the same tick, from memory) from a miss (answered later, once cut or read).
     */
    observe(req: IncomingMessage, res: ServerResponse): {
        handled(): void;
    };
    private child;
    /** The exposition text and its content type. */
    scrape(): Promise<{
        contentType: string;
        body: string;
    }>;
}
