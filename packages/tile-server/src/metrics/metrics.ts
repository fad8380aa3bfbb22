import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { HistogramTally, registerTallyCounter, registerTallyHistogram, Tally } from './request_tally.js';
import type { TilesetRegistry } from '../store/tileset_registry.js';
import { parseTilePath } from '../tiling/tile_path.js';

/**
 * Route classes: the only label a request gets besides its status. Never a path, address, coordinate, key or query,
 * so the number of series stays fixed and nothing about a resident or a client reaches the metrics.
 */
export type RouteClass =
  | 'tile'
  | 'restricted'
  | 'tilejson'
  | 'style'
  | 'catalog'
  | 'features'
  | 'sprite'
  | 'widget'
  | 'page'
  | 'health'
  | 'other';

/** What a build, publish or refusal was about, for the event counters; tile set ids come from the catalogue. */
export type EngineEvent = 'build' | 'publish' | 'rollback' | 'reload' | 'refusal';

/** Latency buckets in seconds: a cached tile answers in well under a millisecond, a cut tile in tens. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** Classifies a request path without keeping any of it. */
export function routeClass(url: string): RouteClass {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  if (path.startsWith('/tiles/')) {
    if (path.endsWith('.mvt')) return 'tile';
    if (path.endsWith('.json')) return 'tilejson';
    if (path.includes('/features')) return 'features';
    return 'other';
  }
  if (path.startsWith('/restricted/')) return 'restricted';
  if (path.startsWith('/styles/')) return 'style';
  if (path === '/catalog') return 'catalog';
  if (path.startsWith('/sprites/')) return 'sprite';
  if (path.startsWith('/widget/')) return 'widget';
  if (path === '/healthz' || path === '/readyz') return 'health';
  if (path === '/' || path.startsWith('/examples/') || path.startsWith('/embed')) return 'page';
  return 'other';
}

/**
 * The server's Prometheus metrics. One instance per process, passed to the HTTP layer (and to the engine, for its
 * events); the registry is its own, never prom-client's global one, so libraries and tests never share series.
 *
 * Engine API: `event('publish', 'busan')`, `event('build', 'busan', 'failed')`, `event('refusal', 'busan')` — one
 * counter, `safemap_engine_events_total{event, tileset, outcome}`.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Map<RouteClass, Tally<number>>();
  private readonly latency = new Map<RouteClass, HistogramTally>();
  private readonly cache = new Tally<'hit' | 'miss'>();
  private readonly cacheBytes = new Tally<'hit' | 'miss'>();
  /** Tile answers per tile set id, then per version. */
  private readonly tiles = new Map<string, Tally<string>>();
  private readonly events: Counter<'event' | 'tileset' | 'outcome'>;

  private getRegistry: (() => TilesetRegistry) | undefined;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    // Event-loop lag, CPU, memory and GC, as prom-client measures them.
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    registerTallyCounter(this.registry, 'safemap_http_requests_total', 'HTTP requests answered, by route class and status', () =>
      [...this.requests].flatMap(([route, statuses]) => [...statuses.entries()].map(([status, n]): [Record<string, string>, number] => [{ route, status: String(status) }, n])),
    );
    registerTallyHistogram(this.registry, 'safemap_http_request_duration_seconds', 'Time from request to the last byte handed to the OS, by route class', LATENCY_BUCKETS, () =>
      [...this.latency].map(([route, tally]): [Record<string, string>, HistogramTally] => [{ route }, tally]),
    );
    registerTallyCounter(this.registry, 'safemap_tile_cache_requests_total', 'Tile answers from memory (hit) or cut/read first (miss)', () =>
      [...this.cache.entries()].map(([result, n]): [Record<string, string>, number] => [{ result }, n]),
    );
    registerTallyCounter(this.registry, 'safemap_tile_bytes_total', 'Tile body bytes sent, by cache result', () =>
      [...this.cacheBytes.entries()].map(([result, n]): [Record<string, string>, number] => [{ result }, n]),
    );
    registerTallyCounter(this.registry, 'safemap_tiles_served_total', 'Tiles answered 200, 204 or 304, per tile set and version', () =>
      [...this.tiles].flatMap(([tileset, versions]) => [...versions.entries()].map(([version, n]): [Record<string, string>, number] => [{ tileset, version }, n])),
    );
    this.events = new Counter({ name: 'safemap_engine_events_total', help: 'Builds, publishes, rollbacks, reloads and refused archives', labelNames: ['event', 'tileset', 'outcome'], registers });
  }

  /** Tells the metrics which tile sets are served (the HTTP layer calls this once); adds the version gauge. */
  watchRegistry(getRegistry: () => TilesetRegistry): void {
    if (this.getRegistry) return;
    this.getRegistry = getRegistry;
    new Gauge({
      name: 'safemap_tileset_version_info',
      help: 'The version each tile set serves now (value 1); a publish shows as a new version label',
      labelNames: ['tileset', 'version'],
      registers: [this.registry],
      // Across cluster workers: 1 for every version some worker serves (a sum would say 2 with two workers).
      aggregator: 'max',
      collect() {
        this.reset();
        for (const tileset of getRegistry().list()) this.set({ tileset: tileset.id, version: tileset.source.version }, 1);
      },
    });
  }

  /** Counts an engine event; `tileset` must be a catalogue id, never user input. */
  event(event: EngineEvent, tileset: string, outcome: 'ok' | 'failed' = 'ok'): void {
    this.events.inc({ event, tileset, outcome });
  }

  /**
   * Counts one finished request: call once its answer is complete. `started` is `performance.now()` when it arrived;
   * `tile` is set for answers of the tile endpoint, `hit` when it answered from memory (in the same tick the request
   * arrived), so the path is not classified again. Tile answers note their body size with
   * {@link Metrics.noteTileBody}, so nothing wraps or tags the response of each request.
   */
  record(req: IncomingMessage, res: ServerResponse, started: number, tile?: 'hit' | 'miss'): void {
    const url = req.url ?? '';
    const route = tile ? 'tile' : routeClass(url);
    const status = res.statusCode;
    let statuses = this.requests.get(route);
    if (!statuses) this.requests.set(route, (statuses = new Tally()));
    statuses.add(status);
    let latency = this.latency.get(route);
    if (!latency) this.latency.set(route, (latency = new HistogramTally(LATENCY_BUCKETS)));
    latency.observe((performance.now() - started) / 1000);
    if (route !== 'tile' || (status !== 200 && status !== 204 && status !== 304)) return;
    this.cache.add(tile ?? 'miss');
    const path = parseTilePath(url, '/tiles/');
    const tileset = path ? this.getRegistry?.().get(path.id) : undefined;
    if (!tileset) return;
    let versions = this.tiles.get(tileset.id);
    if (!versions) this.tiles.set(tileset.id, (versions = new Tally()));
    versions.add(path!.version ?? tileset.source.version);
  }

  /** The tile endpoint tells the size of each tile body it sends, and whether it came from the cache. */
  noteTileBody(bytes: number, fromCache: boolean): void {
    this.cacheBytes.add(fromCache ? 'hit' : 'miss', bytes);
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
