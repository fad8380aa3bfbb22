import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { AggregatorRegistry } from 'prom-client';
/**
 * Serves `GET /metrics` in the Prometheus text format on a separate listener, so the public port never exposes it and
 * a firewall rule or a bind address is all it takes to keep it private. In a cluster worker nothing is bound: the
 * primary answers for all workers (see `startClusterMetricsEndpoint`) and the worker only hands its registry over.
 */
export async function startMetricsEndpoint(metrics, options) {
    if (cluster.isWorker) {
        // Answers the primary's requests for this worker's series over the cluster IPC channel.
        new AggregatorRegistry();
        AggregatorRegistry.setRegistries([metrics.registry]);
        return undefined;
    }
    return listen(() => metrics.scrape(), options);
}
/** The primary of `--workers N`: one `/metrics` summing every worker's series (histograms and counters add up). */
export function startClusterMetricsEndpoint(options) {
    const aggregator = new AggregatorRegistry();
    return listen(async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }), options);
}
async function listen(scrape, options) {
    const server = createServer((req, res) => {
        const path = (req.url ?? '').split('?', 1)[0];
        if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
            res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).end('not found\n');
            return;
        }
        scrape().then(({ contentType, body }) => {
            res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
            res.end(req.method === 'HEAD' ? undefined : body);
        }, () => {
            res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('metrics unavailable\n');
        });
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, host, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const address = server.address();
    return {
        url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
//# sourceMappingURL=metrics_endpoint.js.map