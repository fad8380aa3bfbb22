import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCatalog } from '../catalog/load_catalog.js';
import { createRequestListener } from '../http/create_app.js';
import { HealthState } from '../http/health.js';
import { silentLogger, type Logger } from '../log.js';
import { loadRegistry, type TilesetRegistry } from '../store/tileset_registry.js';
import { defaultExamplesDir, defaultWidgetDir } from './default_paths.js';

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

/** Loads the catalogue, builds the app and listens. The only SafeMap function that binds a port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger();
  const health = new HealthState();
  const load = async () => loadRegistry(await loadCatalog(options.catalogPath), logger, { ...(options.cacheBytes ? { cacheBytes: options.cacheBytes } : {}) });
  let registry: TilesetRegistry = await load();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;

  const listener = createRequestListener({
    getRegistry: () => registry,
    logger,
    health,
    widgetDir: options.widgetDir ?? defaultWidgetDir(),
    examplesDir: options.examplesDir ?? defaultExamplesDir(),
    publicUrl: options.publicUrl,
    fallbackUrl: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    frameAncestors: options.frameAncestors ?? ["'self'"],
  });
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  health.ready = true;
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url }, 'listening');

  return {
    url,
    server,
    health,
    async reload() {
      const next = await load();
      const previous = registry;
      registry = next;
      await previous.close();
    },
    async close() {
      health.draining = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await registry.close();
    },
  };
}
