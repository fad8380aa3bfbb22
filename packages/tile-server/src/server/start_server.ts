import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { Catalog } from '../catalog/catalog_schema.js';
import { loadCatalog, type LoadedCatalog } from '../catalog/load_catalog.js';
import { publicCatalog } from '../catalog/split_restricted.js';
import { createRequestListener } from '../http/create_app.js';
import { HealthState } from '../http/health.js';
import { silentLogger, type Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import { loadWithAccess } from '../security/load_with_access.js';
import type { RestrictedAccess, SecurityOptions } from '../security/security_options.js';
import { publishDirOf } from '../publish/publish_location.js';
import { versionArchive } from '../publish/publish_pointer.js';
import { pointerFilesOf, watchPublished } from '../publish/watch_published.js';
import type { Tileset } from '../store/tileset.js';
import { TileCache } from '../store/tile_cache.js';
import { loadRegistry, type TilesetRegistry } from '../store/tileset_registry.js';
import { exists } from '../store/load_tilesets.js';
import { defaultExamplesDir, defaultWidgetDir } from './default_paths.js';
import { LiveBuilds } from './live_builds.js';
import { askPrimaryToBuild } from './shared_live_builds.js';
import { VerifiedCopies } from '../store/verified_copies.js';

export interface ServerOptions {
  catalogPath: string;
  host?: string;
  port?: number;
  logger?: Logger;
  publicUrl?: string;
  widgetDir?: string;
  examplesDir?: string;
  frameAncestors?: readonly string[];
  cacheBytes?: number;
  /** CORS, rate limits, generation bound, access log (defaults in security/security_options.ts). */
  security?: Partial<SecurityOptions>;
  /** Milliseconds a client may take to send its headers (slowloris guard). */
  headersTimeoutMs?: number;
  /** Milliseconds a client may take to send a whole request. */
  requestTimeoutMs?: number;
  /** Milliseconds an idle keep-alive connection is kept open. */
  keepAliveTimeoutMs?: number;
  /** On close: milliseconds readiness reports 503 while still serving, so a load balancer stops sending first. */
  drainDelayMs?: number;
  /** On close: milliseconds in-flight requests get to finish before their connections are cut. */
  drainTimeoutMs?: number;
  /** Milliseconds between checks for a newly published tile set version or a changed source (default 1000; 0 turns it off). */
  publishPollMs?: number;
  /** Prometheus metrics of this process (see metrics/metrics.ts); none when absent. */
  metrics?: Metrics;
  /**
   * Listen only once every tile set can be served. For a worker of `--workers N`: it shares its port with the others,
   * so until it listens they take all the traffic, and a replacement worker never answers 503 while it starts.
   */
  listenWhenReady?: boolean;
  /** Have the cluster primary build tile sets nothing published serves, once for all workers (see shared_live_builds.ts). */
  buildInPrimary?: boolean;
}

export interface RunningServer {
  /** Base URL of the listening server, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly server: Server;
  readonly health: HealthState;
  /** Re-reads the catalogue and sources, then swaps the registry whole; requests never see a mix. */
  reload(): Promise<void>;
  /** Turns readiness off, drains in-flight requests and closes the tile sets. */
  close(): Promise<void>;
}

/**
 * Loads the catalogue, builds the app and listens at once (unless `listenWhenReady`), so health checks are answered while tile sets that
 * nothing published serves are built (in a child process, see live_builds.ts); resolves when every tile set can be
 * served, and `/readyz` says ready from then on. The only SafeMap function that binds a port.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger();
  const health = new HealthState();
  const pollMs = options.publishPollMs ?? 1000;
  const cache = new TileCache(options.cacheBytes ?? 256 * 1024 * 1024);
  let running: RunningServer | undefined;
  const builds = await LiveBuilds.create(logger, () => void running?.reload().catch((error: unknown) => logger.error({ err: error }, 'reloading after a build failed')), pollMs, options.metrics, options.buildInPrimary ? askPrimaryToBuild : undefined);
  const copies = await VerifiedCopies.create();
  const load = async (serving?: (config: TilesetConfig) => Tileset | undefined) => {
    const catalog = await loadCatalog(options.catalogPath);
    const asked: TilesetConfig[] = [];
    copies.beginLoad();
    const next = await loadWithAccess(catalog, (part) =>
      loadRegistry(part, logger, {
        cache,
        copies,
        built: (config, from, fallback) => (asked.push(config), builds.versionsOf(config, from, fallback)),
        ...(serving ? { serving } : {}),
      }),
    );
    copies.commitLoad();
    builds.retainOnly(asked);
    return { ...next, catalog };
  };
  let loaded;
  try {
    loaded = await load();
  } catch (error) {
    await Promise.all([builds.close(), copies.close()]);
    throw error;
  }
  let registry: TilesetRegistry = loaded.registry;
  let restricted: RestrictedAccess | undefined = loaded.restricted;
  let catalog: LoadedCatalog = loaded.catalog;
  let site: Catalog = publicCatalog(catalog).catalog;
  health.catalog = catalog.revision;
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;

  const listener = createRequestListener({
    getRegistry: () => registry,
    getCatalog: () => site,
    logger,
    health,
    widgetDir: options.widgetDir ?? defaultWidgetDir(),
    examplesDir: options.examplesDir ?? defaultExamplesDir(),
    catalogPath: options.catalogPath,
    publicUrl: options.publicUrl,
    fallbackUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    frameAncestors: options.frameAncestors ?? ["'self'"],
    getRestricted: () => restricted,
    ...(options.security ? { security: options.security } : {}),
    metrics: options.metrics,
    catchUp: (tileset, version) => catchUp(tileset, version),
    tileCache: cache,
  });
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, options.requestTimeoutMs ?? 30_000),
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      // Node checks the two timeouts above only this often; a slow client must not outlive its budget by much.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
      ...listener.classes,
    },
    listener,
  );
  let url = '';
  const listen = async () => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    logger.info({ url }, 'listening');
  };
  if (!options.listenWhenReady) await listen();

  const reloadNow = async () => {
    const previous = [registry, restricted?.registry];
    // The public and restricted parts of a tile set share its id; the configuration tells them apart.
    const serving = (config: TilesetConfig) =>
      previous.map((old) => old?.get(config.id)).find((tileset) => tileset !== undefined && JSON.stringify(tileset.config) === JSON.stringify(config));
    const next = await load(serving);
    registry = next.registry;
    restricted = next.restricted;
    if (next.catalog.revision !== catalog.revision) logger.info({ catalog: next.catalog.file, revision: next.catalog.revision }, 'serving the edited catalogue: its keys, access and allow-lists apply from now on');
    catalog = next.catalog;
    site = publicCatalog(catalog).catalog;
    health.catalog = catalog.revision;
    const kept = new Set([...next.registry.list(), ...(next.restricted?.registry.list() ?? [])].map((tileset) => tileset.source));
    // Requests already reading the old archives finish first; the old registries close a little later, and the
    // verified copies no registry uses any more go with them.
    setTimeout(() => void Promise.all(previous.map((old) => old?.close(kept))).then(() => copies.sweep()), 10_000).unref();
  };
  let reloading: Promise<void> = Promise.resolve();
  // One reload per version asked for: requests for the same new version share it, and a version that still is not
  // served after it (refused, withdrawn) costs no further reloads.
  const catchingUp = new Map<string, Promise<void>>();
  const catchUp = async (tileset: string, version: string): Promise<boolean> => {
    const key = `${tileset}@${version}`;
    let pending = catchingUp.get(key);
    if (!pending) {
      if (!catalog.catalog.tilesets.some((config) => config.id === tileset)) return false;
      if (!(await exists(path.join(publishDirOf(catalog), tileset, versionArchive(version))))) return false;
      pending = catchingUp.get(key) ?? running!.reload();
      if (catchingUp.size >= 1024) catchingUp.clear();
      catchingUp.set(key, pending);
    }
    await pending;
    return true;
  };
  running = {
    get url() {
      return url;
    },
    server,
    health,
    reload() {
      // One reload at a time, in order: a later build's registry never gets replaced by an earlier one's.
      reloading = reloading.then(reloadNow, reloadNow);
      return reloading;
    },
    async close() {
      stopWatching();
      health.draining = true;
      if (options.drainDelayMs) await new Promise((resolve) => setTimeout(resolve, options.drainDelayMs));
      await new Promise<void>((resolve) => {
        // Requests still running after the drain timeout are cut, so a stuck client cannot hold the exit forever.
        const force = setTimeout(() => server.closeAllConnections(), options.drainTimeoutMs ?? 10_000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      listener.close();
      await Promise.all([registry.close(), restricted?.registry.close()]);
      await Promise.all([builds.close(), copies.close()]);
    },
  };
  // `safemap build --config` publishing into this catalogue's folder is picked up without a restart, and so is
  const self = running;
  // An edited catalogue (keys revoked, layers restricted, allow-lists changed) too.
  const stopWatching = pollMs > 0 ? watchPublished(() => [catalog.file, ...pointerFilesOf(catalog)], () => self.reload(), logger, pollMs) : () => {};
  try {
    await builds.settled();
  } catch (error) {
    await self.close();
    throw error;
  }
  // Builds that finished before the first registry was read are picked up here.
  await self.reload();
  health.ready = true;
  if (options.listenWhenReady) {
    try {
      await listen();
    } catch (error) {
      await self.close();
      throw error;
    }
  }
  return self;
}
