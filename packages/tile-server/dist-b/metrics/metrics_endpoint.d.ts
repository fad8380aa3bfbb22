import type { Metrics } from './metrics.js';
/** Where `/metrics` listens: its own port, loopback unless told otherwise, never on the public listener. */
export interface MetricsEndpointOptions {
    /** Port of the metrics listener (env METRICS_PORT); no endpoint when absent. */
    port: number;
    /** Address to bind (env METRICS_HOST, default 127.0.0.1): a scraper on another host needs it opened on purpose. */
    host?: string;
}
export interface MetricsEndpoint {
    /** Base URL of the listener, e.g. http://127.0.0.1:9464. */
    readonly url: string;
    close(): Promise<void>;
}
/**
 * Serves `GET /metrics` in the Prometheus text format on a separate listener, so the public port never exposes it and
 * a firewall rule or a bind address is all it takes to keep it private. In a cluster worker nothing is bound: the
 * primary answers for all workers (see `startClusterMetricsEndpoint`) and the worker only hands its registry over.
 */
export declare function startMetricsEndpoint(metrics: Metrics, options: MetricsEndpointOptions): Promise<MetricsEndpoint | undefined>;
/** The primary of `--workers N`: one `/metrics` summing every worker's series (histograms and counters add up). */
export declare function startClusterMetricsEndpoint(options: MetricsEndpointOptions): Promise<MetricsEndpoint>;
