import { type Server } from 'node:http';
import { HealthState } from '../http/health.js';
import { type Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { SecurityOptions } from '../security/security_options.js';
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
 * Loads the catalogue, builds the app and listens at once, so health checks are answered while tile sets that
 * nothing published serves are built (in a child process, see live_builds.ts); resolves when every tile set can be
 * served, and `/readyz` says ready from then on. The only SafeMap function that binds a port.
 */
export declare function startServer(options: ServerOptions): Promise<RunningServer>;
