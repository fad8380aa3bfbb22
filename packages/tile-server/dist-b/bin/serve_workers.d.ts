/**
 * `safemap serve [--workers N|auto]` (env WORKERS, default 1): with more than one worker, this process becomes a
 * node:cluster primary that forks N identical, stateless `safemap serve` processes sharing one listening socket, so
 * tiles are served from every core. Each worker loads the catalogue, watches for publishes and drains on SIGTERM on
 * its own, exactly as a single process does.
 *
 * Connections are handed to workers round-robin, so a client's requests are spread over all of them; the per-client
 * budgets are therefore divided by N, keeping a client's total about where it was configured. The tile cache is per
 * worker (memory grows N times). `/metrics`, when enabled, is answered by the primary for all workers together.
 */
export declare function serveWithWorkers(argv: string[]): Promise<number>;
