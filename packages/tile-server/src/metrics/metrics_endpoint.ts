import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClusterMetrics, pushWorkerMetrics } from './cluster_metrics.js';
import type { Metrics } from './metrics.js';

/** Where `/metrics` listens: its own port, loopback unless told otherwise, never on the public listener. */
export interface MetricsEndpointOptions {
  /** Port of the metrics listener (env METRICS_PORT); no endpoint when absent. */
  port: number;
  /** Address to bind (env METRICS_HOST, default 127.0.0.1): a scraper on another host needs it opened on purpose. */
  host?: string;
}

export interface MetricsEndpoint {
  /** Base URL of the listener, e.g. http://127.0.0.1:9464; empty in a cluster worker, whose primary listens. */
  readonly url: string;
  /** Stops listening; in a cluster worker, sends the last changes to the primary (call after the server drained). */
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` in the Prometheus text format on a separate listener, so the public port never exposes it and
 * a firewall rule or a bind address is all it takes to keep it private. In a cluster worker nothing is bound: the
 * primary answers for all workers (see `startClusterMetricsEndpoint`) and the worker pushes its changes to it every
 * second (`pushWorkerMetrics`).
 */
export async function startMetricsEndpoint(metrics: Metrics, options: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  if (cluster.isWorker) {
    const pusher = pushWorkerMetrics(metrics.registry);
    return { url: '', close: () => pusher.stop() };
  }
  return listen(() => metrics.scrape(), options);
}

/**
 * The primary of `--workers N`: one `/metrics` summing every worker's series (histograms and counters add up), from
 * the state the workers last pushed, so a scrape costs no round trip to any worker; at most about one push interval
 * (`METRICS_PUSH_INTERVAL_MS`) behind. Counts of a worker that exited stay in the totals.
 */
export async function startClusterMetricsEndpoint(options: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  const held = new ClusterMetrics();
  try {
    const endpoint = await listen(() => held.scrape(), options);
    return {
      url: endpoint.url,
      close: async () => {
        held.close();
        await endpoint.close();
      },
    };
  } catch (error) {
    held.close();
    throw error;
  }
}

async function listen(scrape: () => Promise<{ contentType: string; body: string }>, options: MetricsEndpointOptions): Promise<MetricsEndpoint> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).end('not found\n');
      return;
    }
    scrape().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('metrics unavailable\n');
      },
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
